// The benchmark runs end to end on the small demo data, once each, so that `make bench` does not
// rot between real runs; its figures mean nothing at this size and are not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const RUN = new URL('./run.mjs', import.meta.url).pathname;

test('the benchmark measures every figure on the small demo data', { timeout: 300_000 }, async () => {
  const out = join(await mkdtemp(join(tmpdir(), 'bench-smoke-')), 'results.json');
  await promisify(execFile)(process.execPath, [RUN], {
    env: { ...process.env, BENCH_SIZES: 's', BENCH_REPS: '1', BENCH_PORT: '8732', BENCH_OUT: out },
    maxBuffer: 16 * 1024 * 1024,
  });
  const results = JSON.parse(await readFile(out, 'utf8'));
  for (const key of ['download_gzip_bytes', 'restore_m_records_per_s', 'restore_ratio_vs_plain_js',
    'restore_ratio_vs_dexie', 'search_p95_ms_m', 'search_ratio_vs_plain_js', 'reports_ms_m',
    'scroll_p95_ms', 'memory_m_mb']) {
    assert.equal(typeof results[key], 'number', key);
  }
  assert.ok(results.machine.cores > 0);
});
