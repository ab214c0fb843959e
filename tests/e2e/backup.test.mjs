// Backups end to end: restore a file, move everything to another browser and back byte for byte,
// merge a colleague's backup, encrypted backups, and the corpus of bad files that must change
// nothing. Each browser context is a separate browser profile with its own IndexedDB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, screenshot, horizontalOverflow, launch, serveDist } from './support.mjs';

const FIXTURES = new URL('../fixtures/backup/', import.meta.url).pathname;
const SAMPLE = `${FIXTURES}v1-sample.json`;

let app;
before(async () => { app = await openApp(); });
after(async () => { await app?.close(); });

/// A fresh browser profile on the app's settings page.
async function freshPage({ width = 1280, height = 800, locale = 'en-US' } = {}) {
  const context = await app.browser.newContext({ viewport: { width, height }, locale, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw new Error(`page error: ${error.message}`); });
  await page.goto(app.server.url + '/settings');
  await page.getByTestId('backup-settings').waitFor();
  return page;
}

const notice = (page) => page.getByTestId('notice');

async function chooseFile(page, file) {
  const input = page.getByTestId('restore-input');
  if (typeof file === 'string') await input.setInputFiles(file);
  else await input.setInputFiles(file);
}

async function restore(page, file, mode = 'replace') {
  await chooseFile(page, file);
  await page.getByTestId('restore-ready').waitFor();
  await page.getByTestId(`restore-${mode}`).check();
  await page.getByTestId('confirm-restore').click();
}

async function download(page, passphrase = '') {
  await page.getByTestId('backup-passphrase').fill(passphrase);
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('download-backup').click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8'), path };
}

/// Every store of the database as text, to prove a refused file changed nothing.
async function dumpDatabase(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('leadline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const out = {};
    for (const name of [...db.objectStoreNames]) {
      out[name] = await new Promise((resolve) => {
        const all = db.transaction(name).objectStore(name).getAll();
        all.onsuccess = () => resolve(all.result);
      });
    }
    db.close();
    return JSON.stringify(out);
  });
}

const withoutStamp = (text) => text.replace(/"exported_at":"[^"]*"/, '"exported_at":""');

test('a backup restores into another browser and comes back byte for byte', async () => {
  const a = await freshPage();
  await restore(a, SAMPLE);
  await notice(a).filter({ hasText: 'Restored: 14 records.' }).waitFor();
  await a.goto(app.server.url + '/customers');
  await a.getByText('Northwind Traders').first().waitFor();
  await a.goto(app.server.url + '/trash');
  // A name with markup is shown as the text it is.
  await a.getByText('<b>Bold</b> & Co').waitFor();
  assert.equal(await a.locator('main b').count(), 0);
  await a.reload();
  await a.getByText('<b>Bold</b> & Co').waitFor();

  await a.goto(app.server.url + '/settings');
  const first = await download(a);
  assert.match(first.name, /^leadline-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const parsed = JSON.parse(first.text);
  assert.equal(parsed.format, 'leadline-backup');
  assert.equal(parsed.counts.orders, 1);
  assert.equal(parsed.data.payments[0].amount, '670.94');

  const b = await freshPage();
  await restore(b, first.path);
  await notice(b).filter({ hasText: 'Restored' }).waitFor();
  const second = await download(b);
  assert.equal(withoutStamp(second.text), withoutStamp(first.text));
  await b.context().close();
  await a.context().close();
});

test('merging a colleague\'s backup keeps the later change of each record and says what it did', async () => {
  const mine = await freshPage();
  await restore(mine, SAMPLE);
  await notice(mine).filter({ hasText: 'Restored' }).waitFor();
  const theirs = await freshPage();
  await restore(theirs, SAMPLE);
  await notice(theirs).filter({ hasText: 'Restored' }).waitFor();

  // The colleague adds a lead; I rename a customer afterwards.
  await theirs.goto(app.server.url + '/leads/new');
  await theirs.getByLabel('Name', { exact: true }).fill('Colleague Lead');
  await theirs.getByTestId('save-lead').click();
  await theirs.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  await theirs.goto(app.server.url + '/settings');
  const colleague = await download(theirs);

  await mine.goto(app.server.url + '/customers');
  await mine.getByText('Northwind Traders').first().click();
  await mine.waitForURL(/\/customers\/c1$/);
  await mine.getByLabel('Customer name', { exact: true }).fill('Northwind Traders Intl');
  await mine.getByTestId('save-customer').click();
  await notice(mine).filter({ hasText: 'Customer saved.' }).waitFor();

  await mine.goto(app.server.url + '/settings');
  await restore(mine, colleague.path, 'merge');
  await notice(mine).filter({ hasText: 'Merged: 1 added, 0 updated, 14 kept as they were.' }).waitFor();
  await mine.goto(app.server.url + '/leads');
  await mine.getByText('Colleague Lead').waitFor();
  await mine.goto(app.server.url + '/customers');
  await mine.getByText('Northwind Traders Intl').waitFor();
  await mine.reload();
  await mine.getByText('Northwind Traders Intl').waitFor();
  await mine.context().close();
  await theirs.context().close();
});

test('an encrypted backup opens with its passphrase only, and a changed one not at all', async () => {
  const a = await freshPage();
  await restore(a, SAMPLE);
  await notice(a).filter({ hasText: 'Restored' }).waitFor();
  const sealed = await download(a, 'correct horse battery');
  assert.match(sealed.name, /-encrypted\.json$/);
  assert.ok(!sealed.text.includes('Northwind'), 'the file is encrypted');
  const envelope = JSON.parse(sealed.text);
  assert.equal(envelope.kdf, 'PBKDF2-SHA256');
  assert.ok(envelope.iterations >= 600000);

  const b = await freshPage();
  const before = await dumpDatabase(b);
  await chooseFile(b, sealed.path);
  await b.getByTestId('restore-locked').waitFor();
  await b.getByTestId('restore-passphrase').fill('wrong horse');
  await b.getByTestId('unlock-backup').click();
  await b.getByTestId('passphrase-wrong').waitFor();

  const tampered = { ...envelope, data: (envelope.data[0] === 'A' ? 'B' : 'A') + envelope.data.slice(1) };
  await chooseFile(b, { name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
  await b.getByTestId('restore-passphrase').fill('correct horse battery');
  await b.getByTestId('unlock-backup').click();
  await b.getByTestId('passphrase-wrong').waitFor();
  assert.equal(await dumpDatabase(b), before, 'nothing changed');

  await chooseFile(b, sealed.path);
  await b.getByTestId('restore-passphrase').fill('correct horse battery');
  await b.getByTestId('unlock-backup').click();
  await b.getByTestId('restore-ready').waitFor();
  await b.getByTestId('confirm-restore').click();
  await notice(b).filter({ hasText: 'Restored: 14 records.' }).waitFor();
  await a.context().close();
  await b.context().close();
});

test('every bad file is refused with its own message and the data stays byte for byte', async () => {
  const page = await freshPage();
  await restore(page, SAMPLE);
  await notice(page).filter({ hasText: 'Restored' }).waitFor();
  // Read past the app: only once the restore's records are in their own stores.
  await page.getByTestId('restore-finishing').waitFor({ state: 'detached' });
  const before = await dumpDatabase(page);
  const expected = JSON.parse(await readFile(`${FIXTURES}bad/expected.json`, 'utf8'));
  const files = (await readdir(`${FIXTURES}bad`)).filter((f) => f !== 'expected.json');
  assert.ok(files.length >= 40);
  for (const name of files) {
    await chooseFile(page, `${FIXTURES}bad/${name}`);
    const problems = page.getByTestId('restore-problems');
    await problems.filter({ hasText: name }).waitFor();
    const first = (await problems.locator('li').first().textContent()).trim();
    if (expected[name].place) assert.ok(first.startsWith(`${expected[name].place}: `), `${name}: ${first}`);
    assert.ok(first.length > 10, `${name}: ${first}`);
  }
  const sample = await readFile(SAMPLE, 'utf8');
  const nested = '['.repeat(5_000_000) + ']'.repeat(5_000_000);
  const deep = sample.replace('"products":[', `"products":[${nested},`);
  await chooseFile(page, { name: 'nested.json', mimeType: 'application/json', buffer: Buffer.from(deep) });
  await page.getByTestId('restore-problems').filter({ hasText: 'nested.json' }).filter({ hasText: 'nested too deeply' }).waitFor();
  assert.equal(await dumpDatabase(page), before, 'the stored data is what it was');

  await chooseFile(page, `${FIXTURES}bad/quantity-not-a-number.json`);
  await page.getByText('data.quotes[0].lines[0].quantity: “abc” is not a number').waitFor();
  await screenshot(page, 'desktop-backup-problems');
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'phone-backup-problems');
  await page.getByTestId('lang-zh-CN').click();
  await chooseFile(page, `${FIXTURES}bad/missing-field.json`);
  await page.getByText('data.contacts[0].name: 缺失。').waitFor();
  await page.context().close();
});

test('a large restore is shown at once, keeps a change made while it is written, and is finished at the next open when closed in the middle', async () => {
  const page = await freshPage();
  await restore(page, SAMPLE);
  await notice(page).filter({ hasText: 'Restored' }).waitFor();
  await page.getByTestId('restore-finishing').waitFor({ state: 'detached' });
  const count = async (p, store = 'activities') => p.evaluate(async (store) => {
    const db = await new Promise((resolve) => { const o = indexedDB.open('leadline'); o.onsuccess = () => resolve(o.result); });
    const n = await new Promise((resolve) => { const r = db.transaction(store).objectStore(store).count(); r.onsuccess = () => resolve(r.result); });
    db.close();
    return n;
  }, store);
  assert.equal(await count(page), 1);
  // A large backup: the sample with 150,000 activities.
  const doc = JSON.parse(await readFile(SAMPLE, 'utf8'));
  const activity = doc.data.activities[0];
  doc.data.activities = Array.from({ length: 150_000 }, (_, n) => ({ ...activity, id: `b${String(n).padStart(6, '0')}`, subject: `Call ${n}` }));
  doc.counts.activities = doc.data.activities.length;
  // From disk: a buffer this size is slow to hand over to the browser.
  const large = join(await mkdtemp(join(tmpdir(), 'leadline-')), 'large.json');
  await writeFile(large, JSON.stringify(doc));
  const restoreLarge = async () => {
    await chooseFile(page, large);
    await page.getByTestId('restore-ready').waitFor({ timeout: 60_000 });
    await page.getByTestId('confirm-restore').click();
    await page.getByTestId('restore-progress').waitFor();
    // Shown once staged, its commit point, while the records still go to their own stores.
    await notice(page).filter({ hasText: 'Restored: 150,013 records.' }).waitFor({ timeout: 120_000 });
  };

  await restoreLarge();
  const finishing = page.getByTestId('restore-finishing');
  await finishing.waitFor();
  await screenshot(page, 'desktop-restore-finishing', { fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'phone-restore-finishing', { fullPage: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  // Within the page, no reload: the customer is there to change while the banner says the
  // records are still being put in place; the save waits for them.
  await page.locator('nav').getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByText('Northwind Traders').first().click();
  await page.waitForURL(/\/customers\/c1$/);
  assert.ok(await finishing.isVisible(), 'the restore is still being written');
  await page.getByLabel('Customer name', { exact: true }).fill('Northwind Traders Intl');
  await page.getByTestId('save-customer').click();
  await notice(page).filter({ hasText: 'Customer saved.' }).waitFor({ timeout: 120_000 });
  await finishing.waitFor({ state: 'detached', timeout: 120_000 });
  assert.equal(await count(page), 150_000);
  await page.reload();
  await page.getByLabel('Customer name', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Customer name', { exact: true }).inputValue(), 'Northwind Traders Intl');

  await page.goto(app.server.url + '/settings');
  await restoreLarge();
  await page.waitForFunction(() => {
    const bar = document.querySelector('[data-testid="restore-finishing"] progress');
    return bar && Number(bar.value) > Number(bar.max) / 5 && Number(bar.value) < Number(bar.max) / 2;
  }, null, { polling: 10, timeout: 120_000 });
  const context = page.context();
  await page.close({ runBeforeUnload: false });
  const again = await context.newPage();
  await again.goto(app.server.url + '/customers/c1', { waitUntil: 'commit' });
  // The start says what it waits for.
  await again.getByText(/^Finishing the last restore: [\d,]+ records put in place…$/).waitFor({ timeout: 60_000 });
  await again.getByLabel('Customer name', { exact: true }).waitFor({ timeout: 120_000 });
  assert.equal(await again.getByLabel('Customer name', { exact: true }).inputValue(), 'Northwind Traders');
  assert.equal(await count(again), 150_000);
  assert.equal(await count(again, 'staged'), 0, 'nothing is left staged');
  await context.close();
});
