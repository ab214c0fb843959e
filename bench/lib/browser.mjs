// Headless Chromium for the benchmark: a kept profile per data set (so a data set is stored once
// and every cold start reads it from disk), and the wasm memory made reachable for measuring.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--enable-precise-memory-info'];
/// Frames as fast as the page can make them instead of at 60 Hz, so that a frame's time is the
/// work it took rather than the wait for the next vsync.
const UNCAPPED = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];

export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/// The app's wasm memory, kept on window when the module is instantiated; nothing in the app
/// changes for it.
function keepWasmMemory() {
  const keep = (result) => {
    const memory = (result.instance ?? result)?.exports?.memory;
    if (memory instanceof WebAssembly.Memory) window.__benchWasmMemory = memory;
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  if (streaming) WebAssembly.instantiateStreaming = (...args) => streaming.apply(WebAssembly, args).then(keep);
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => plain.apply(WebAssembly, args).then(keep);
}

/// Service workers blocked: the app's worker would serve a kept profile the shell it cached from
/// an earlier build, so a run could measure another build than the one in dist/. Blocking stops
/// new registrations only; `openProfile` removes the ones a profile already holds.
const OPTIONS = {
  viewport: { width: 1280, height: 800 }, locale: 'en-US', acceptDownloads: true, serviceWorkers: 'block',
};

/// A browser on a kept profile directory; its first page watches for page errors.
export async function openProfile(dir, { uncapped = false } = {}) {
  await rm(join(dir, 'Default', 'Service Worker'), { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(dir, {
    executablePath, args: uncapped ? [...ARGS, ...UNCAPPED] : ARGS, ...OPTIONS,
  });
  await context.addInitScript(keepWasmMemory);
  const page = context.pages()[0] ?? await context.newPage();
  watch(page);
  return { context, page };
}

/// A browser with a throwaway profile (fresh IndexedDB).
export async function openFresh() {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  const context = await browser.newContext(OPTIONS);
  await context.addInitScript(keepWasmMemory);
  const page = await context.newPage();
  watch(page);
  return { browser, context, page };
}

function watch(page) {
  page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
}

/// JS heap in use (after a garbage collection) and the wasm memory's size, in bytes.
export async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const wasm = await page.evaluate(() => window.__benchWasmMemory?.buffer.byteLength ?? 0);
  return { js_heap_bytes: usedSize, wasm_bytes: wasm };
}

export async function browserVersion() {
  const browser = await chromium.launch({ executablePath, args: ARGS });
  const version = browser.version();
  await browser.close();
  return version;
}
