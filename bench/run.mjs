// The benchmark (issue 8): `make bench`. Builds nothing itself (make does); serves dist/, drives
// headless Chromium, prints a table and writes results/latest.json. See README.md.
//   BENCH_REPS   runs per timing (default 5)
//   BENCH_SIZES  data sets, comma separated: m, l (default m,l)
//   BENCH_SLOW_REPS  runs of the export and the restore, minutes each with M (default BENCH_REPS)
//   BENCH_PORT   the loopback port (default 8731; the kept profiles belong to it)
//   BENCH_OUT    where to write the results instead of results/latest.json (and no history line)
import { cpus, totalmem } from 'node:os';
import { mkdir, writeFile, appendFile } from 'node:fs/promises';
import { serve, CACHE } from './lib/serve.mjs';
import { browserVersion } from './lib/browser.mjs';
import { measureDownload } from './lib/download.mjs';
import * as app from './lib/app.mjs';
import { summary, round } from './lib/stats.mjs';
import { table } from './lib/table.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 5);
const SLOW_REPS = Number(process.env.BENCH_SLOW_REPS ?? REPS);
const SIZES = (process.env.BENCH_SIZES ?? 'm,l').split(',').map((s) => s.trim()).filter(Boolean);
const PORT = Number(process.env.BENCH_PORT ?? 8731);
const CUSTOMERS = { s: 200, m: 10_000, l: 50_000 };
const RESULTS = new URL('./results/', import.meta.url).pathname;

const log = (text) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${text}`);

await mkdir(CACHE, { recursive: true });
await mkdir(RESULTS, { recursive: true });
const server = await serve(PORT);
const details = { reps: REPS, slow_reps: SLOW_REPS, sizes: SIZES };
const out = process.env.BENCH_OUT ?? `${RESULTS}latest.json`;
const version = await browserVersion();
try {
  log('first-visit download');
  details.download = await measureDownload(server.url);
  await write();

  for (const size of SIZES) {
    const d = {};
    details[size] = d;
    log(`${size}: preparing the demo data set (once; kept in bench/.cache)`);
    d.prepare = await app.prepare(server.url, size, CUSTOMERS[size]);
    log(`${size}: cold starts`);
    const cold = await app.coldStarts(server.url, size, REPS);
    d.cold_start_ms = cold.runs;
    d.cold_start_packed = cold.packed;
    d.memory = cold.memory;
    d.memory_mb = cold.memory_mb;
    await write();
    log(`${size}: search`);
    d.search = await app.search(cold.open.page, REPS);
    log(`${size}: reports`);
    d.reports = await app.reports(cold.open.page, REPS);
    await cold.open.context.close();
    await write();
    if (size !== 'l') {
      log(`${size}: list scroll`);
      d.scroll = await app.scroll(server.url, size, REPS);
      await write();
      log(`${size}: export`);
      d.export = await app.exportBackup(server.url, size, SLOW_REPS);
      await write();
      log(`${size}: restore (Leadline, plain IndexedDB, Dexie.js)`);
      d.restore = await app.restore(server.url, size, SLOW_REPS);
    }
  }
} finally {
  await server.close();
}
const results = await write();
if (!process.env.BENCH_OUT) {
  await appendFile(`${RESULTS}history.jsonl`, JSON.stringify({ ...results, details: undefined }) + '\n');
}
console.log(table(results));
log(`written ${out}`);

/// The results so far, written after every step so that a stopped run still leaves its figures.
async function write() {
// The smoke test's small size stands in for M.
const m = details.m ?? details.s ?? {};
const l = details.l ?? {};
const perSecond = (runs, pick) => runs?.map((r) => pick(r).records / (pick(r).ms / 1000));
const fig = (runs) => (runs?.length ? summary(runs) : null);
const figures = {
  cold_start_m: fig(m.cold_start_ms),
  cold_start_l: fig(l.cold_start_ms),
  restore_m: fig(perSecond(m.restore?.runs, (r) => r.leadline)),
  restore_m_in_place: fig(perSecond(m.restore?.runs, (r) => r.in_place)),
  restore_plain: fig(perSecond(m.restore?.runs, (r) => r.plain)),
  restore_dexie: fig(perSecond(m.restore?.runs, (r) => r.dexie)),
  export_m: fig(m.export?.runs),
  search_p95_m: fig(m.search?.app.map((r) => r.p95)),
  search_median_m: fig(m.search?.app.map((r) => r.median)),
  search_plain_p95_m: fig(m.search?.plain.map((r) => r.p95)),
  search_p95_l: fig(l.search?.app.map((r) => r.p95)),
  reports_m: fig(m.reports?.runs.map((r) => r.total)),
  reports_l: fig(l.reports?.runs.map((r) => r.total)),
  scroll_p95: fig(m.scroll?.runs.map((r) => r.p95)),
  scroll_median: fig(m.scroll?.runs.map((r) => r.median)),
  list_open_m: fig(m.scroll?.open_ms),
  memory_m: fig(m.memory_mb),
  memory_l: fig(l.memory_mb),
};
const ratio = (a, b) => (a && b ? a.median / b.median : null);
const results = {
  date: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model, memory_gb: round(totalmem() / 2 ** 30), browser: version, node: process.version },
  download_gzip_bytes: details.download.gzip,
  download_brotli_bytes: details.download.brotli,
  download_raw_bytes: details.download.raw,
  cold_start_m_ms: round(figures.cold_start_m?.median),
  cold_start_l_ms: round(figures.cold_start_l?.median),
  restore_m_records_per_s: round(figures.restore_m?.median, 0),
  restore_ratio_vs_plain_js: round(ratio(figures.restore_m, figures.restore_plain), 3),
  restore_ratio_vs_dexie: round(ratio(figures.restore_m, figures.restore_dexie), 3),
  export_m_ms: round(figures.export_m?.median),
  search_p95_ms_m: round(figures.search_p95_m?.median, 2),
  search_ratio_vs_plain_js: round(ratio(figures.search_p95_m, figures.search_plain_p95_m), 2),
  search_p95_ms_l: round(figures.search_p95_l?.median, 2),
  reports_ms_m: round(figures.reports_m?.median),
  reports_ms_l: round(figures.reports_l?.median),
  scroll_p95_ms: round(figures.scroll_p95?.median, 2),
  memory_m_mb: round(figures.memory_m?.median),
  memory_l_mb: round(figures.memory_l?.median),
  figures,
  details,
};
await writeFile(out, JSON.stringify(results, null, 2) + '\n');
return results;
}
