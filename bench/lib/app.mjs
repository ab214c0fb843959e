// Driving Leadline itself for the benchmark: loading a demo size, exporting and restoring a
// backup, cold starts, search, reports, the long list.
import { rm, stat, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openProfile, openFresh, memory } from './browser.mjs';
import { typeInApp, typeInPlainJs, scrollFrames, restorePlainJs, restoreDexie } from './probes.mjs';
import { CACHE } from './serve.mjs';
import { percentile, median } from './stats.mjs';

const HOUR = 3_600_000;
const profileDir = (size) => join(CACHE, `profile-${size}`);
export const backupFile = (size) => join(CACHE, `${size}-backup.json`);

/// The first figure of the dashboard on screen: the app has read every record and drawn it.
async function dashboardShown(page) {
  const handle = await page.waitForFunction(
    () => (document.querySelector('[data-testid="figure-now"]') ? performance.now() : null),
    null, { polling: 'raf', timeout: HOUR });
  return handle.jsonValue();
}

/// Waits until a pack of the records the app started after its start, if any, is done: packing
/// is what makes the next start quick (store/packed.rs), and a browser closed before it ends
/// leaves the next start to read every record's own value again.
async function packSettled(page) {
  await page.waitForFunction(() => !performance.getEntriesByName('leadline:pack:start').length
    || performance.getEntriesByName('leadline:pack', 'measure').length > 0, null, { timeout: HOUR });
}

const readPacked = (page) => page.evaluate(() => performance.getEntriesByName('leadline:load:packed').length > 0);

async function customerCount(page) {
  await page.goto(page.url().replace(/(:\d+).*$/, '$1/customers'));
  await page.locator('h1').first().waitFor({ timeout: HOUR });
  const text = await page.getByTestId('customer-count').textContent().catch(() => '');
  return Number(text.replace(/\D/g, '')) || 0;
}

/// A kept browser profile holding the demo data of `size` (made once, through `/?demo=size`);
/// says how long loading it took when it had to.
export async function prepare(url, size, expectedCustomers) {
  const { context, page } = await openProfile(profileDir(size));
  await page.goto(url + '/customers');
  await page.locator('h1').first().waitFor({ timeout: HOUR });
  let loadMs = null;
  if (await customerCount(page) !== expectedCustomers) {
    await context.close();
    await rm(profileDir(size), { recursive: true, force: true });
    const fresh = await openProfile(profileDir(size));
    const start = Date.now();
    await fresh.page.goto(url + `/?demo=${size}`);
    await fresh.page.getByTestId('notice').filter({ hasText: 'Demo data loaded' }).waitFor({ timeout: 3 * HOUR });
    loadMs = Date.now() - start;
    const count = await customerCount(fresh.page);
    if (count !== expectedCustomers) throw new Error(`demo ${size}: ${count} customers, expected ${expectedCustomers}`);
    await packSettled(fresh.page);
    await fresh.context.close();
  } else {
    await packSettled(page);
    await context.close();
  }
  return { demo_load_ms: loadMs };
}

/// Exports a backup of the stored `size` data `reps` times through Settings › Backup; keeps the
/// last file for the restore runs.
export async function exportBackup(url, size, reps) {
  const { context, page } = await openProfile(profileDir(size));
  await page.goto(url + '/settings');
  await page.getByTestId('backup-settings').waitFor({ timeout: HOUR });
  const runs = [];
  let bytes = 0;
  for (let r = 0; r < reps; r += 1) {
    await page.getByTestId('backup-passphrase').fill('');
    const start = Date.now();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: HOUR }),
      page.getByTestId('download-backup').click(),
    ]);
    const path = await download.path();
    runs.push(Date.now() - start);
    await copyFile(path, backupFile(size));
    bytes = (await stat(backupFile(size))).size;
  }
  await context.close();
  return { runs, bytes };
}

/// Cold starts: a browser started on the kept profile, the dashboard's address opened, timed
/// from the navigation until the dashboard shows its figures. Memory is read after each start.
/// Says for each start whether it read the packed copy of the records. The last browser stays
/// open for the measures that follow.
export async function coldStarts(url, size, reps) {
  const runs = [];
  const memories = [];
  const packed = [];
  let open;
  for (let r = 0; r < reps; r += 1) {
    open = await openProfile(profileDir(size));
    await open.page.goto(url + '/reports/dashboard', { waitUntil: 'commit' });
    runs.push(await dashboardShown(open.page));
    packed.push(await readPacked(open.page));
    await open.page.waitForTimeout(500);
    memories.push(await memory(open.page));
    await packSettled(open.page);
    if (r < reps - 1) await open.context.close();
  }
  const mb = memories.map((m) => (m.js_heap_bytes + m.wasm_bytes) / 2 ** 20);
  return { runs, packed, memory: memories, memory_mb: mb, open };
}

async function goTo(page, name, heading) {
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor({ timeout: HOUR });
}

/// 50 keystrokes: prefixes of the first words of customers on screen typed letter by letter, then
/// erased letter by letter.
async function keystrokes(page, count) {
  const names = await page.getByTestId('customer-table').locator('tr.record-row td.cell-title').allTextContents();
  const words = names.map((n) => n.trim().split(/\s+/)[0].toLowerCase()).filter((w) => w.length >= 3);
  const values = [];
  for (let i = 0; values.length < count; i += 1) {
    const word = words[i % words.length].slice(0, 6);
    for (let n = 1; n <= word.length; n += 1) values.push(word.slice(0, n));
    for (let n = word.length - 1; n >= 0; n -= 1) values.push(word.slice(0, n));
  }
  return values.slice(0, count - 1).concat(['']);
}

/// Search as you type over customers, in the app and in plain JS, `reps` runs of 50 keystrokes.
export async function search(page, reps) {
  await goTo(page, 'Customers', 'Customers');
  const rows = page.getByTestId('customer-table').locator('tr.record-row');
  await rows.first().waitFor({ timeout: HOUR });
  const drawn = await rows.count();
  const values = await keystrokes(page, 50);
  const app = [];
  const plain = [];
  let unchanged = 0;
  for (let r = 0; r < reps; r += 1) {
    const a = await page.evaluate(typeInApp, { selector: '[data-testid="customer-search"]', values });
    unchanged += a.unchanged;
    app.push({ median: median(a.times), p95: percentile(a.times, 95), max: Math.max(...a.times) });
    const p = await page.evaluate(typeInPlainJs, { values, rows: drawn });
    plain.push({ median: median(p.times), p95: percentile(p.times, 95), max: Math.max(...p.times) });
  }
  return { keystrokes: values, rows_drawn: drawn, app, plain, keystrokes_without_change: unchanged };
}

/// Every report recomputed, `reps` times: each report tab opened in turn, the app's User Timing
/// measure `leadline:report:<slug>` read (the pure computation), and the time from the click
/// until the report is drawn. The columns every report reads (`leadline:report-columns`) are
/// made once per change of the data, so their one making is added to each run's total: what
/// recomputing every report after a change costs.
export async function reports(page, reps) {
  await goTo(page, 'Reports', 'Reports');
  await page.getByTestId('report-period').selectOption('last_12_months');
  const columnsHandle = await page.waitForFunction(() => {
    const entries = performance.getEntriesByName('leadline:report-columns', 'measure');
    return entries.length ? entries[entries.length - 1].duration : null;
  }, null, { timeout: HOUR });
  const columns = await columnsHandle.jsonValue();
  const slugs = await page.locator('[data-testid^="report-tab-"]')
    .evaluateAll((links) => links.map((a) => a.dataset.testid.replace('report-tab-', '')));
  const runs = [];
  let current = 'dashboard';
  for (let r = 0; r < reps; r += 1) {
    const compute = {};
    const shown = {};
    for (const slug of slugs) {
      if (slug === current) {
        const other = slugs.find((s) => s !== slug);
        await page.getByTestId(`report-tab-${other}`).click();
        await page.waitForURL(`**/reports/${other}`);
        await page.getByTestId('report-section').first().waitFor({ timeout: HOUR });
      }
      await page.evaluate(() => performance.clearMeasures());
      const start = Date.now();
      await page.getByTestId(`report-tab-${slug}`).click();
      await page.waitForURL(`**/reports/${slug}`);
      await page.getByTestId('report-section').first().waitFor({ timeout: HOUR });
      shown[slug] = Date.now() - start;
      const handle = await page.waitForFunction((name) => {
        const entries = performance.getEntriesByName(name, 'measure');
        return entries.length ? entries.reduce((sum, e) => sum + e.duration, 0) : null;
      }, `leadline:report:${slug}`, { timeout: HOUR });
      compute[slug] = await handle.jsonValue();
      current = slug;
    }
    const total = columns + Object.values(compute).reduce((a, b) => a + b, 0);
    runs.push({ compute, shown, total });
  }
  return { slugs, columns_ms: columns, runs };
}

/// The customers list (10,000 rows with M) opened from another page, then scrolled down
/// `frames` frames at a time, in a browser whose frames are not held to 60 Hz.
export async function scroll(url, size, reps) {
  const { context, page } = await openProfile(profileDir(size), { uncapped: true });
  await page.goto(url + '/');
  await page.locator('h1').first().waitFor({ timeout: HOUR });
  const open = [];
  const runs = [];
  for (let r = 0; r < reps; r += 1) {
    await goTo(page, 'Today', 'Today').catch(() => page.goto(url + '/'));
    const start = Date.now();
    await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
    await page.getByTestId('customer-table').locator('tr.record-row').first().waitFor({ timeout: HOUR });
    open.push(Date.now() - start);
    const { times, bottom } = await page.evaluate(scrollFrames, { frames: 300, step: 150 });
    runs.push({ median: median(times), p95: percentile(times, 95), max: Math.max(...times), scrolled_px: bottom });
  }
  await context.close();
  return { open_ms: open, runs };
}

/// Restores the `size` backup in a fresh browser through Settings › Backup (file chosen,
/// Replace, confirmed, until "Restored": the restore committed and shown; then until its records
/// are in their own stores, which the app does behind the page), then writes the same records
/// with plain IndexedDB and with Dexie.js in the same browser, on a page of the same origin
/// without the app.
export async function restore(url, size, reps) {
  const runs = [];
  for (let r = 0; r < reps; r += 1) {
    const { browser, page } = await openFresh();
    await page.goto(url + '/settings');
    await page.getByTestId('backup-settings').waitFor({ timeout: HOUR });
    const start = Date.now();
    await page.getByTestId('restore-input').setInputFiles(backupFile(size));
    await page.getByTestId('restore-ready').waitFor({ timeout: HOUR });
    const read = Date.now() - start;
    await page.getByTestId('restore-replace').check();
    const writing = Date.now();
    await page.getByTestId('confirm-restore').click();
    const notice = await page.getByTestId('notice').filter({ hasText: 'Restored' });
    await notice.waitFor({ timeout: HOUR });
    const end = Date.now();
    const records = Number((await notice.textContent()).replace(/\D/g, ''));
    await page.getByTestId('restore-finishing').waitFor({ state: 'detached', timeout: HOUR });
    const inPlace = Date.now() - start;
    await page.goto(url + '/bench/blank');
    const data = `/bench/data/${size}-backup.json`;
    const plain = await page.evaluate(restorePlainJs, { url: data, name: 'bench-plain' });
    const dexie = await page.evaluate(restoreDexie, { url: data, name: 'bench-dexie', dexieUrl: '/bench/dexie.mjs' });
    runs.push({
      leadline: { ms: end - start, read_ms: read, write_ms: end - writing, records },
      in_place: { ms: inPlace, records },
      plain,
      dexie,
    });
    await browser.close();
  }
  return { runs };
}
