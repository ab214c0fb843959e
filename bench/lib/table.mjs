// The printed table: each figure with the spread of its runs, its target, met or missed.

const KB = 1024;

/// Targets of issue 8 / DESIGN.md section 5: [figure, good when it is at most / at least, limit].
export const TARGETS = {
  download_gzip_bytes: ['<=', 350 * KB],
  cold_start_m_ms: ['<=', 1500],
  cold_start_l_ms: ['<=', 5000],
  restore_ratio_vs_dexie: ['>=', 1],
  restore_ratio_vs_plain_js: ['>=', 0.7],
  search_p95_ms_m: ['<=', 16],
  reports_ms_m: ['<=', 100],
  scroll_p95_ms: ['<=', 16],
  memory_m_mb: ['<=', 200],
};

export function verdict(key, value) {
  const target = TARGETS[key];
  if (!target) return '';
  if (value === null || value === undefined) return 'not run';
  const [op, limit] = target;
  return (op === '<=' ? value <= limit : value >= limit) ? 'met' : 'MISSED';
}

const num = (x, digits = 0) => (x === null || x === undefined ? '-' : Number(x).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const spread = (f, digits = 0) => (f ? `${num(f.min, digits)}..${num(f.max, digits)} (${f.runs} runs)` : '');

export function table(r) {
  const f = r.figures;
  const rows = [
    ['first-visit download, gzip', `${num(r.download_gzip_bytes / KB, 1)} KB`, `raw ${num(r.download_raw_bytes / KB, 1)} KB, brotli ${num(r.download_brotli_bytes / KB, 1)} KB`, '<= 350 KB', verdict('download_gzip_bytes', r.download_gzip_bytes)],
    ['cold start to dashboard, M', `${num(r.cold_start_m_ms)} ms`, spread(f.cold_start_m), '<= 1,500 ms', verdict('cold_start_m_ms', r.cold_start_m_ms)],
    ['cold start to dashboard, L', `${num(r.cold_start_l_ms)} ms`, spread(f.cold_start_l), '<= 5,000 ms', verdict('cold_start_l_ms', r.cold_start_l_ms)],
    ['restore M backup', `${num(r.restore_m_records_per_s)} rec/s`, spread(f.restore_m), '', ''],
    ['  until in own stores', `${num(f.restore_m_in_place?.median)} rec/s`, spread(f.restore_m_in_place), '', ''],
    ['  plain JS IndexedDB', `${num(f.restore_plain?.median)} rec/s`, spread(f.restore_plain), '', ''],
    ['  Dexie.js bulkPut', `${num(f.restore_dexie?.median)} rec/s`, spread(f.restore_dexie), '', ''],
    ['  ratio vs plain JS', num(r.restore_ratio_vs_plain_js, 3), '', '>= 0.7', verdict('restore_ratio_vs_plain_js', r.restore_ratio_vs_plain_js)],
    ['  ratio vs Dexie.js', num(r.restore_ratio_vs_dexie, 3), '', '>= 1', verdict('restore_ratio_vs_dexie', r.restore_ratio_vs_dexie)],
    ['export M backup', `${num(r.export_m_ms)} ms`, spread(f.export_m), '', ''],
    ['search keystroke p95, M', `${num(r.search_p95_ms_m, 2)} ms`, `${spread(f.search_p95_m, 2)}; median ${num(f.search_median_m?.median, 2)} ms`, '<= 16 ms', verdict('search_p95_ms_m', r.search_p95_ms_m)],
    ['  plain JS p95, M', `${num(f.search_plain_p95_m?.median, 2)} ms`, `ratio ${num(r.search_ratio_vs_plain_js, 2)} (lower is better)`, '', ''],
    ['search keystroke p95, L', `${num(r.search_p95_ms_l, 2)} ms`, spread(f.search_p95_l, 2), '', ''],
    ['all reports recomputed, M', `${num(r.reports_ms_m)} ms`, spread(f.reports_m), '<= 100 ms', verdict('reports_ms_m', r.reports_ms_m)],
    ['all reports recomputed, L', `${num(r.reports_ms_l)} ms`, spread(f.reports_l), '', ''],
    ['open 10k customers list', `${num(f.list_open_m?.median)} ms`, spread(f.list_open_m), '', ''],
    ['scroll frame p95, 10k rows', `${num(r.scroll_p95_ms, 2)} ms`, `${spread(f.scroll_p95, 2)}; median ${num(f.scroll_median?.median, 2)} ms`, '<= 16 ms', verdict('scroll_p95_ms', r.scroll_p95_ms)],
    ['memory after start, M', `${num(r.memory_m_mb)} MB`, spread(f.memory_m), '<= 200 MB', verdict('memory_m_mb', r.memory_m_mb)],
    ['memory after start, L', `${num(r.memory_l_mb)} MB`, spread(f.memory_l), '', ''],
  ];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  const head = `${r.machine.cores} cores, ${r.machine.cpu}, Chromium ${r.machine.browser}, ${r.date}`;
  return [head, ...rows.map(line)].join('\n');
}
