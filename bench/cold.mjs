// Cold starts only, for working on start-up (`node bench/cold.mjs`, after `make bench` or a copy
// of a prepared profile in bench/.cache/profile-<size>): BENCH_COLD_REPS browsers (default 3) each
// started on the kept profile, the dashboard opened, timed until its first figure shows, memory
// read after; with BENCH_COLD_TRACE=1 the first start is also traced (as bench/profile.mjs does)
// and the app's own `leadline:` User Timing measures are printed.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, CACHE } from './lib/serve.mjs';
import { openProfile, memory } from './lib/browser.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 8731);
const SIZE = process.env.BENCH_PROFILE_SIZE ?? 'm';
const REPS = Number(process.env.BENCH_COLD_REPS ?? 3);
const TRACE = process.env.BENCH_COLD_TRACE === '1';
const DIR = join(CACHE, `profile-${SIZE}`);
const HOUR = 3_600_000;

/// Self time per function of a CPU profile, in ms, the largest first.
function selfTimes(profile, count = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { callFrame } = byId.get(id);
    const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').pop()}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => [Math.round(v), k]);
}

/// Total time (self and callees) per function, in ms, the largest first: where, in the app's own
/// code, the self time of the functions above was spent.
function totalTimes(profile, count = 40) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map();
  profile.samples.forEach((id, i) => {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n).callFrame.functionName || '(anonymous)';
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...total].sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, v]) => [Math.round(v), k]);
}

// The kept profile's service worker would serve the app shell of the build it cached; start-up
// work is measured on the build in dist/.
await rm(join(DIR, 'Default', 'Service Worker'), { recursive: true, force: true });
const server = await serve(PORT);
try {
  for (let r = 0; r < REPS; r += 1) {
    const { context, page } = await openProfile(DIR);
    const cdp = TRACE && r === 0 ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.goto(server.url + '/reports/dashboard', { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => (document.querySelector('[data-testid="figure-now"]') ? performance.now() : null),
      null, { polling: 'raf', timeout: HOUR });
    const shown = await handle.jsonValue();
    const measures = await page.evaluate(() => performance.getEntriesByType('measure')
      .filter((m) => m.name.startsWith('leadline:'))
      .map((m) => [m.name, Math.round(m.startTime), Math.round(m.duration)]));
    let top = [];
    let totals = [];
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      top = selfTimes(profile);
      totals = totalTimes(profile);
    }
    await page.waitForTimeout(500);
    const mem = await memory(page);
    console.log(`start ${r + 1}: dashboard at ${Math.round(shown)} ms; memory ${((mem.js_heap_bytes + mem.wasm_bytes) / 2 ** 20).toFixed(1)} MB (wasm ${(mem.wasm_bytes / 2 ** 20).toFixed(1)}, JS ${(mem.js_heap_bytes / 2 ** 20).toFixed(1)})`);
    for (const [name, at, ms] of measures) console.log(`  ${name}: at ${at} ms, ${ms} ms`);
    if (top.length) console.log('  self time:');
    for (const [ms, fn] of top) console.log(`  ${String(ms).padStart(7)} ms  ${fn}`);
    if (totals.length) console.log('  total time:');
    for (const [ms, fn] of totals) console.log(`  ${String(ms).padStart(7)} ms  ${fn.slice(0, 160)}`);
    await context.close();
  }
} finally {
  await server.close();
}
