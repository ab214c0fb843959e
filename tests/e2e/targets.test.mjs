// Settings › Sales targets: real typing into the grid, real IndexedDB, a reload to prove the
// targets were kept, a bad cell refused with its member and month, and the panel on a phone.
//
//   node --test tests/e2e/targets.test.mjs   (needs a built dist/)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, horizontalOverflow } from './support.mjs';

let app;
let page;

before(async () => {
  app = await openApp();
  page = await app.newPage();
});

after(async () => app?.close());

const panel = () => page.getByTestId('target-settings');
const row = (name) => panel().getByTestId('target-row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
const cell = (name, month) => row(name).locator(`input[data-month="${month}"]`);
const notice = () => page.getByTestId('notice');

/// The targets setting as stored in IndexedDB, or null.
async function storedTargets() {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('leadline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const value = await new Promise((resolve) => {
      const get = db.transaction('settings').objectStore('settings').get('targets');
      get.onsuccess = () => resolve(get.result ?? null);
    });
    db.close();
    return value && value.value;
  });
}

async function openSettings() {
  await page.goto(app.server.url + '/settings');
  await panel().waitFor();
  await panel().scrollIntoViewIfNeeded();
}

test('targets typed for two members are saved, survive a reload, and belong to their year', async () => {
  await openSettings();
  const year = (await panel().getByTestId('target-year').textContent()).trim();
  assert.match(year, /^\d{4}$/);
  assert.equal(year, String(new Date().getFullYear()));

  // The device's own member ("Me") is there from the start; add a second one.
  await page.locator('#member-name').fill('Bo Li');
  await page.getByRole('button', { name: 'Add member' }).click();
  await row('Bo Li').waitFor();
  assert.equal(await panel().getByTestId('target-row').count(), 2);
  const headings = await panel().locator('thead th').allTextContents();
  assert.deepEqual(headings.map((h) => h.trim()),
    ['Member', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

  // Full-width digits and a thousands separator, as a Chinese input method types them.
  await cell('Me', `${year}-03`).fill('５０,０００');
  await cell('Bo Li', `${year}-04`).fill('30,000.50');
  await panel().getByTestId('save-targets').click();
  await notice().filter({ hasText: 'Sales targets saved.' }).waitFor();
  const ids = await panel().getByTestId('target-row').evaluateAll((rows) => rows.map((r) =>
    [r.querySelector('th').textContent.trim(), r.querySelector('input').dataset.member]));
  const id = Object.fromEntries(ids);
  assert.deepEqual(await storedTargets(), [
    { member_id: id['Me'], month: `${year}-03`, amount: '50000' },
    { member_id: id['Bo Li'], month: `${year}-04`, amount: '30000.50' },
  ]);

  await page.reload();
  await panel().waitFor();
  await row('Bo Li').waitFor();
  assert.equal(await cell('Me', `${year}-03`).inputValue(), '50000');
  assert.equal(await cell('Bo Li', `${year}-04`).inputValue(), '30000.50');
  assert.equal(await cell('Me', `${year}-04`).inputValue(), '');
  await panel().scrollIntoViewIfNeeded();
  await screenshot(page, 'desktop-targets', { fullPage: false });

  // Another year has its own targets: none yet.
  await panel().getByTestId('target-year-next').click();
  await panel().getByTestId('target-year').filter({ hasText: String(Number(year) + 1) }).waitFor();
  assert.equal(await cell('Me', `${Number(year) + 1}-03`).inputValue(), '');
  await panel().getByTestId('target-year-previous').click();
  assert.equal(await cell('Me', `${year}-03`).inputValue(), '50000');
});

test('a bad cell is named by member and month, marked, and nothing is saved', async () => {
  await openSettings();
  const year = (await panel().getByTestId('target-year').textContent()).trim();
  const before = await storedTargets();
  await cell('Me', `${year}-03`).fill('60000');
  await cell('Bo Li', `${year}-05`).fill('12abc');
  await cell('Me', `${year}-06`).fill('-5');
  await cell('Me', `${year}-07`).fill('10.005');
  await panel().getByTestId('save-targets').click();
  const problems = panel().getByTestId('target-problems');
  await problems.getByText(`Bo Li, May ${year}: “12abc” is not an amount.`).waitFor();
  await problems.getByText(`Me, Jun ${year}: a target cannot be negative.`).waitFor();
  await problems.getByText(`Me, Jul ${year}: amounts in CNY have at most 2 decimals.`).waitFor();
  assert.equal(await problems.locator('li').count(), 3);
  assert.equal(await cell('Bo Li', `${year}-05`).getAttribute('aria-invalid'), 'true');
  assert.equal(await cell('Me', `${year}-03`).getAttribute('aria-invalid'), null);
  assert.deepEqual(await storedTargets(), before, 'nothing was written');
  await screenshot(page, 'desktop-targets-problems', { fullPage: false });

  await page.setViewportSize({ width: 390, height: 844 });
  await panel().scrollIntoViewIfNeeded();
  assert.equal(await horizontalOverflow(page), 0, 'no sideways scroll at phone width');
  await problems.evaluate((list) => list.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'phone-targets-problems', { fullPage: false });

  await page.reload();
  await row('Bo Li').waitFor();
  assert.equal(await cell('Me', `${year}-03`).inputValue(), '50000', 'the good cell was not saved either');
  assert.equal(await cell('Bo Li', `${year}-05`).inputValue(), '');
  await panel().scrollIntoViewIfNeeded();
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'phone-targets', { fullPage: false });

  // In Chinese: months are named as Chinese writes them, and so are the problems.
  await page.getByTestId('lang-zh-CN').click();
  await panel().getByRole('heading', { name: '销售目标' }).waitFor();
  await cell('Me', `${year}-02`).fill('abc');
  await panel().getByTestId('save-targets').click();
  await problems.getByText(`Me，${year}年2月：“abc”不是有效的金额。`).waitFor();
  await page.getByTestId('lang-en').click();
  await page.setViewportSize({ width: 1280, height: 800 });
});
