// Where the time goes where a target is missed (`node bench/profile.mjs`, after a `make bench`
// that prepared the M data set): a Chromium performance trace and a sampling CPU profile, taken
// through CDP, of a cold start to the dashboard, of search keystrokes over customers and of
// scrolling the customers list. Prints, for each, the main thread's time by trace event and the
// functions with the most self time; writes results/profile-latest.json.
import { writeFile } from 'node:fs/promises';
import { serve } from './lib/serve.mjs';
import { openProfile } from './lib/browser.mjs';
import { typeInApp, scrollFrames } from './lib/probes.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 8731);
const SIZE = process.env.BENCH_PROFILE_SIZE ?? 'm';
const DIR = process.env.BENCH_PROFILE_DIR ?? new URL(`./.cache/profile-${SIZE}`, import.meta.url).pathname;
const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'];
/// Trace events that nest inside others are left out, so that the sums do not count twice.
const TOP_LEVEL = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

async function traced(cdp, action) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Tracing.start', { categories: CATEGORIES.join(','), transferMode: 'ReportEvents' });
  await cdp.send('Profiler.start');
  const startedAt = Date.now();
  await action();
  const wall = Date.now() - startedAt;
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await done;
  cdp.removeAllListeners('Tracing.dataCollected');
  return { wall_ms: wall, events: byEvent(events), functions: selfTimes(profile) };
}

/// Total duration per event name on the renderer's main thread (complete events only).
function byEvent(events) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const totals = new Map();
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || TOP_LEVEL.has(e.name)) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  const busy = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && TOP_LEVEL.has(e.name))
    .reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  return { main_thread_busy_ms: Math.round(busy), by_name_ms: Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => [k, Math.round(v)])) };
}

/// Self time per function of a CPU profile, in ms, the largest first.
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const { callFrame } = byId.get(id);
    const file = callFrame.url.split('/').pop();
    const key = `${callFrame.functionName || '(anonymous)'} ${file}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const wasm = [...self].filter(([k]) => k.includes('.wasm') || k.startsWith('$') || /wasm-function/.test(k)).reduce((a, [, v]) => a + v, 0);
  return {
    sampled_ms: Math.round(total),
    wasm_ms: Math.round(wasm),
    top: [...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => [k, Math.round(v)]),
  };
}

// While a benchmark run serves the port, its server will do (the data belongs to the origin).
const server = await serve(PORT).catch((error) => {
  if (error.code !== 'EADDRINUSE') throw error;
  return { url: `http://127.0.0.1:${PORT}`, close: async () => {} };
});
const out = {};
try {
  let { context, page } = await openProfile(DIR);
  let cdp = await context.newCDPSession(page);
  out.cold_start = await traced(cdp, async () => {
    await page.goto(server.url + '/reports/dashboard', { waitUntil: 'commit' });
    await page.locator('[data-testid="figure-now"]').first().waitFor({ timeout: 600_000 });
  });
  await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
  await page.getByTestId('customer-table').locator('tr.record-row td.cell-title').first().waitFor({ timeout: 600_000 });
  const word = (await page.getByTestId('customer-table').locator('tr.record-row td.cell-title').first().textContent()).trim().split(/\s+/)[0].toLowerCase().slice(0, 5);
  const values = [...word].map((_, i) => word.slice(0, i + 1)).concat([...word].map((_, i) => word.slice(0, word.length - 1 - i)));
  let keystrokes;
  out.search = await traced(cdp, async () => {
    keystrokes = await page.evaluate(typeInApp, { selector: '[data-testid="customer-search"]', values });
  });
  out.search.keystrokes = values.map((v, i) => [v, Math.round(keystrokes.times[i])]);
  await context.close();

  ({ context, page } = await openProfile(DIR, { uncapped: true }));
  cdp = await context.newCDPSession(page);
  await page.goto(server.url + '/customers');
  await page.getByTestId('customer-table').locator('tr.record-row').first().waitFor({ timeout: 600_000 });
  out.scroll = await traced(cdp, async () => {
    out.scroll_frames = await page.evaluate(scrollFrames, { frames: 150, step: 150 });
  });
  out.scroll_frames.times = out.scroll_frames.times.map((t) => Math.round(t * 10) / 10);
  await context.close();
} finally {
  await server.close();
}
await writeFile(new URL('./results/profile-latest.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
for (const [name, p] of Object.entries(out)) {
  if (!p.events) continue;
  console.log(`\n== ${name}: ${p.wall_ms} ms wall, main thread busy ${p.events.main_thread_busy_ms} ms; CPU samples ${p.functions.sampled_ms} ms of which wasm ${p.functions.wasm_ms} ms`);
  console.log('  trace events (ms):', JSON.stringify(p.events.by_name_ms));
  for (const [fn, ms] of p.functions.top) console.log(`  ${String(ms).padStart(7)} ms  ${fn}`);
}
