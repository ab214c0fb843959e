// The JSON Schema of the backup file (public/backup.schema.json) against the version 1 fixture,
// the corpus of bad files, and a real export downloaded from the built app after restoring the
// fixture through Settings › Backup and restore.
//
//   node --test tests/e2e/backup-schema.test.mjs
//
// The browser part needs a built dist/ (make, or trunk build) and is skipped without one.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';

const ROOT = new URL('../../', import.meta.url);
const path = (relative) => new URL(relative, ROOT).pathname;
const SCHEMA_FILE = path('public/backup.schema.json');
const SAMPLE_FILE = path('tests/fixtures/backup/v1-sample.json');
const BAD = path('tests/fixtures/backup/bad/');
const DIST_INDEX = path('dist/index.html');

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));

const schema = readJson(SCHEMA_FILE);
let ajv;
let validate;

/// The schema's complaints, one line each, for assertion messages.
const shown = (errors) => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('\n');

function assertValid(doc, what) {
  const ok = validate(doc);
  assert.ok(ok, `${what} should match the schema:\n${shown(validate.errors)}`);
}

before(() => {
  // Strict mode: unknown keywords, ignored keywords and type mix-ups in the schema are errors.
  // Union types (["string", "null"]) are how an Option<T> is written, so they are allowed.
  ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
});

test('the schema compiles in strict mode', () => {
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  validate = ajv.compile(schema);
  assert.equal(typeof validate, 'function');
});

test('the version 1 fixture matches the schema', () => {
  assertValid(readJson(SAMPLE_FILE), 'tests/fixtures/backup/v1-sample.json');
});

test('days, timestamps and decimals are checked as the Rust reader checks them', () => {
  const day = ajv.getSchema('backup.schema.json#/$defs/day');
  const timestamp = ajv.getSchema('backup.schema.json#/$defs/timestamp');
  const decimal = ajv.getSchema('backup.schema.json#/$defs/decimal');
  for (const good of ['2026-11-23', '2024-02-29', '2000-02-29', '0004-02-29', '0001-01-01', '2026-12-31']) {
    assert.ok(day(good), `${good} is a day`);
  }
  for (const bad of ['2026-02-29', '1900-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10',
    '0000-01-01', '2026-1-01', '26-01-01', '2026/01/01', ' 2026-01-01', '2026-01-01T00:00:00Z']) {
    assert.ok(!day(bad), `${bad} is not a day`);
  }
  for (const good of ['2026-11-23T09:30:00.000Z', '2026-11-23T09:30:00Z', '2026-11-23T23:59:60.5Z',
    '2024-02-29T00:00:00.123456789Z']) {
    assert.ok(timestamp(good), `${good} is a timestamp`);
  }
  for (const bad of ['2026-11-23T09:30:00.000', '2026-11-23T09:30:00+08:00', '2026-11-23 09:30:00Z',
    '2026-11-23T24:00:00Z', '2026-11-23T09:60:00Z', '2026-11-23T09:30:61Z', '2026-11-23T09:30Z',
    '2026-11-23T09:30:00.Z', '2026-02-30T09:30:00Z', 'yesterday']) {
    assert.ok(!timestamp(bad), `${bad} is not a timestamp`);
  }
  for (const good of ['0', '-0', '12.50', '-3.1', '1341.88', '007', `1.${'0'.repeat(27)}1`]) {
    assert.ok(decimal(good), `${good} is an exact decimal`);
  }
  for (const bad of ['1e3', '1E3', '+1', '1.', '.5', '-', '', ' 1', '1,5', '1.2.3', 'NaN', 'Infinity',
    `1.${'0'.repeat(28)}1`, 12.5]) {
    assert.ok(!decimal(bad), `${JSON.stringify(bad)} is not an exact decimal`);
  }
});

// Bad files whose fault is one of shape, so a schema sees it. The others in the corpus are not
// JSON at all (empty, truncated, not UTF-8) or wrong in meaning (dangling references, duplicate
// ids, counts or totals that lie, amounts out of range), which only the app can see.
const REJECTED = [
  'wrong-format.json',
  'newer-version.json',
  'missing-store.json',
  'store-not-a-list.json',
  'rev-as-text.json',
  'unknown-status.json',
  'quantity-not-a-number.json',
  'amount-as-number.json',
  'amount-1e999-text.json',
  'unknown-top-field.json',
  'unknown-store.json',
  'setting-wrong-type.json',
  'target-bad-month.json',
  'amount-30-decimals.json',
  'amount-1e999-number.json',
  'array.json',
  'bad-timestamp.json',
  'bool-as-text.json',
  'hundreds-of-bad-records.json',
  'missing-data.json',
  'missing-field.json',
  'missing-version.json',
  'other-object.json',
  'plan-impossible-day.json',
  'probability-over-100.json',
  'string.json',
  'unknown-method.json',
  'version-text.json',
  'version-zero.json',
];

test('bad files whose shape is wrong are rejected, at the place the app names', () => {
  const expected = readJson(BAD + 'expected.json');
  for (const name of REJECTED) {
    assert.ok(expected[name], `${name} is in bad/expected.json`);
    const doc = readJson(BAD + name);
    assert.equal(validate(doc), false, `${name} should not match the schema`);
    // The schema's complaint is about the same place as the app's (or a place inside it, or the
    // object holding it when a field is missing or unknown).
    const place = expected[name].place;
    const pointer = place
      ? '/' + place.replace(/\[(\d+)\]/g, '.$1').split('.').join('/')
      : '';
    const parent = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
    const near = validate.errors.some((e) => e.instancePath === pointer
      || e.instancePath.startsWith(pointer + '/')
      || (e.instancePath === parent && ['required', 'additionalProperties'].includes(e.keyword)));
    assert.ok(near, `${name}: the app says ${place || '(the whole file)'}, the schema says:\n${shown(validate.errors)}`);
  }
});

test('a real export from the app matches the schema', {
  skip: !existsSync(DIST_INDEX) && 'dist/ is not built (run make or trunk build first)',
  timeout: 120_000,
}, async () => {
  const { openApp } = await import('./support.mjs');
  const app = await openApp();
  try {
    // The schema is published with the app, next to index.html.
    const served = await fetch(app.server.url + '/backup.schema.json');
    assert.equal(served.status, 200, 'dist/ serves /backup.schema.json');
    assert.deepEqual(await served.json(), schema, 'the published schema is public/backup.schema.json');

    const page = await app.newPage();
    await page.goto(app.server.url + '/settings');
    await page.getByTestId('backup-settings').waitFor();

    await page.getByTestId('restore-input').setInputFiles(SAMPLE_FILE);
    await page.getByTestId('restore-ready').waitFor();
    await page.getByTestId('confirm-restore').click();
    await page.getByTestId('notice').filter({ hasText: 'Restored' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-backup').click(),
    ]);
    const file = await download.path();
    assert.ok(file, 'the backup was downloaded');
    const exported = readJson(file);
    assertValid(exported, `the exported file ${download.suggestedFilename()}`);

    // What was restored is what was exported.
    const sample = readJson(SAMPLE_FILE);
    assert.equal(exported.format, 'leadline-backup');
    assert.equal(exported.format_version, 1);
    assert.deepEqual(exported.counts, sample.counts);
  } finally {
    await app.close();
  }
});
