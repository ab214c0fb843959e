// Fifty thousand leads: the list draws only the rows near the screen, scrolls to the last one,
// and searches them all. Timing goals live in bench/, not here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot } from './support.mjs';

const COUNT = 50_000;
let app;
let page;

before(async () => {
  app = await openApp();
  page = await app.newPage();
});

after(async () => app?.close());

/// Writes COUNT copies of the one lead in the database straight into IndexedDB, the newest
/// named "Seed 49999", as an import would.
async function seed() {
  await page.evaluate(async (count) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('leadline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const [model] = await new Promise((resolve, reject) => {
      const all = db.transaction('leads').objectStore('leads').getAll();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('leads', 'readwrite');
      const store = tx.objectStore('leads');
      const start = Date.parse('2026-01-01T00:00:00Z');
      for (let i = 0; i < count; i += 1) {
        const at = new Date(start + i * 1000).toISOString();
        const hex = i.toString(16).padStart(12, '0');
        store.put({ ...model, id: `00000000-0000-7000-8000-${hex}`, name: `Seed ${i}`,
          company: `Company ${i % 97}`, created_at: at, updated_at: at, rev: 1 });
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, COUNT);
}

test('a list of 50,000 leads draws only what is on screen, scrolls and searches', async () => {
  await page.getByRole('link', { name: 'New lead' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Model lead');
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  await seed();
  await page.goto(new URL('/leads', page.url()).href);
  await page.getByTestId('lead-count').filter({ hasText: '50,001 leads' }).waitFor({ timeout: 120_000 });

  const rows = page.getByTestId('lead-table').locator('tr.record-row');
  await rows.first().waitFor();
  const drawn = await rows.count();
  assert.ok(drawn > 10 && drawn < 150, `${drawn} rows drawn`);
  assert.match(await rows.first().textContent(), /Model lead/);

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByRole('link', { name: 'Seed 0', exact: true }).waitFor();
  assert.ok(await rows.count() < 150, 'still only the rows on screen');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  await page.getByRole('link', { name: /^Seed 2\d{4}$/ }).first().waitFor();
  await screenshot(page, 'desktop-leads-50k', { fullPage: false });

  await page.getByTestId('lead-search').fill('Seed 42424');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  await page.getByRole('link', { name: 'Seed 42424', exact: true }).waitFor();
  await page.getByTestId('lead-search').fill('');
  await page.getByTestId('select-all').check();
  await page.getByTestId('selected-count').filter({ hasText: '50,001 selected' }).waitFor();
});

const measured = (name) => page.evaluate((n) => performance.getEntriesByName(n).length > 0, name);

/// The parts of the packed copy of the records, as IndexedDB holds them.
async function packedKeys() {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('leadline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const keys = await new Promise((resolve, reject) => {
      const all = db.transaction('packed').objectStore('packed').getAllKeys();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    });
    db.close();
    return keys;
  });
}

test('so many records are packed after the start, and the next start reads them with the writes since', async () => {
  // The start above read 50,001 leads one stored value each, and then packed them.
  await page.waitForFunction(() => performance.getEntriesByName('leadline:pack').length > 0, null, { timeout: 120_000 });
  const keys = await packedKeys();
  assert.ok(keys.includes('index'), `packed keys: ${keys.slice(0, 5)}`);
  assert.equal(keys.filter((k) => k.startsWith('leads/')).length, 11, '50,001 leads in parts of 5,000');

  await page.getByRole('link', { name: 'New lead' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Written after the pack');
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);

  await page.goto(new URL('/leads', page.url()).href);
  await page.getByTestId('lead-count').filter({ hasText: '50,002 leads' }).waitFor({ timeout: 120_000 });
  assert.ok(await measured('leadline:load:packed'), 'the start read the packed copy');
  assert.ok(!(await measured('leadline:pack')), 'one write since the pack does not ask for another');
  await page.getByTestId('lead-search').fill('Written after');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  await page.getByRole('link', { name: 'Written after the pack', exact: true }).waitFor();
});

test('a damaged packed part is passed over: the start reads every record, then packs again', async () => {
  await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('leadline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('packed', 'readwrite');
      const store = tx.objectStore('packed');
      const part = store.get('leads/3');
      part.onsuccess = () => store.put(part.result.slice(0, part.result.length - 1), 'leads/3');
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });

  // Every part after the damaged one was asked for before it was found; each is let finish, so
  // no page error (which fails this test) comes of a request given up in flight.
  await page.reload();
  await page.getByTestId('lead-count').filter({ hasText: '50,002 leads' }).waitFor({ timeout: 120_000 });
  assert.ok(!(await measured('leadline:load:packed')), 'the damaged copy was not used');
  await page.waitForFunction(() => performance.getEntriesByName('leadline:pack').length > 0, null, { timeout: 120_000 });

  await page.reload();
  await page.getByTestId('lead-count').filter({ hasText: '50,002 leads' }).waitFor({ timeout: 120_000 });
  assert.ok(await measured('leadline:load:packed'), 'packed again, the copy is read');
});
