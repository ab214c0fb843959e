// Leads end to end, in the built app, with real clicks and real IndexedDB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, horizontalOverflow } from './support.mjs';

let app;
let server;
let browser;
let context;
let page;

before(async () => {
  app = await openApp();
  ({ server, browser, context } = app);
  page = await app.newPage();
});

after(async () => app?.close());

const notice = () => page.getByTestId('notice');
const field = (label) => page.getByLabel(label, { exact: true });

test('a lead with problems is refused, with the message next to the field', async () => {
  await page.getByRole('link', { name: 'New lead' }).first().click();
  await page.getByRole('heading', { name: 'New lead' }).waitFor();
  await page.getByTestId('save-lead').click();
  await assert.doesNotReject(page.locator('#lead-name-error', { hasText: 'Enter a name or a company.' }).waitFor());
  await field('Name').fill('Zhang San');
  await field('Email').fill('zhang@');
  await page.getByTestId('save-lead').click();
  await page.locator('#lead-email-error', { hasText: 'does not look like an email' }).waitFor();
  assert.equal(await page.locator('#lead-name-error').textContent(), '');
  assert.equal(await field('Email').getAttribute('aria-invalid'), 'true');
  await screenshot(page, 'desktop-lead-form-errors');
  await page.getByRole('link', { name: 'Leads' }).first().click();
  await page.getByText('No leads yet').waitFor();
});

test('create a lead, edit it, change its status, and find it unchanged after a reload', async () => {
  await page.getByRole('link', { name: 'New lead' }).first().click();
  await field('Name').fill('王芳');
  await field('Company').fill('星辰科技有限公司');
  await field('Phone').fill('+86 138-0013-8000');
  await field('Email').fill('wang.fang@xingchen.cn');
  await field('City').fill('杭州');
  await field('Source').selectOption('trade_fair');
  await field('Level').selectOption('A');
  await page.locator('#lead-follow-up').fill('2026-12-01');
  await page.getByTestId('save-lead').click();
  await notice().filter({ hasText: 'Lead saved.' }).waitFor();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadUrl = page.url();
  assert.equal(await page.getByTestId('lead-heading').textContent(), '王芳');

  await field('Job title').fill('采购经理');
  await page.getByTestId('save-lead').click();
  await notice().filter({ hasText: 'Lead saved.' }).waitFor();

  await page.getByTestId('status-contacted').click();
  await page.getByTestId('lead-status').filter({ hasText: 'Contacted' }).waitFor();
  await page.getByTestId('status-disqualified').click();
  await page.getByTestId('confirm-disqualify').click();
  await page.locator('#disqualify-reason-error', { hasText: 'A reason is required' }).waitFor();
  assert.equal(await page.getByTestId('lead-status').textContent(), 'Contacted');
  await page.getByLabel('Why is this lead disqualified?').fill('预算不足');
  await page.getByTestId('confirm-disqualify').click();
  await page.getByTestId('lead-status').filter({ hasText: 'Disqualified' }).waitFor();
  await page.getByTestId('status-contacted').click();
  await page.getByTestId('lead-status').filter({ hasText: 'Contacted' }).waitFor();
  await screenshot(page, 'desktop-lead');

  await page.reload();
  await page.getByTestId('lead-heading').filter({ hasText: '王芳' }).waitFor();
  assert.equal(page.url(), leadUrl);
  assert.equal(await field('Job title').inputValue(), '采购经理');
  assert.equal(await field('Company').inputValue(), '星辰科技有限公司');
  assert.equal(await field('Source').inputValue(), 'trade_fair');
  assert.equal(await page.locator('#lead-follow-up').inputValue(), '2026-12-01');
  assert.equal(await page.getByTestId('lead-status').textContent(), 'Contacted');
});

test('the list searches as you type, filters and sorts', async () => {
  await page.getByRole('link', { name: '← Leads' }).click();
  for (const [name, company] of [['Bob Smith', 'ACME Ltd'], ['Alice Chen', '']]) {
    await page.getByRole('link', { name: 'New lead' }).first().click();
    await field('Name').fill(name);
    await field('Company').fill(company);
    await page.getByTestId('save-lead').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: '← Leads' }).click();
  }
  const rows = page.getByTestId('lead-table').locator('tbody tr.record-row');
  await page.getByTestId('lead-count').filter({ hasText: '3 leads' }).waitFor();

  const search = page.getByTestId('lead-search');
  await search.pressSequentially('星辰');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  assert.match(await rows.first().textContent(), /王芳/);
  await search.fill('13800138000');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  await search.fill('nobody at all');
  await page.getByText('No leads match').waitFor();
  await search.fill('');

  await page.getByTestId('filter-status').selectOption('contacted');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  await page.getByTestId('filter-status').selectOption('');
  await page.getByTestId('filter-source').selectOption('trade_fair');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  await page.getByTestId('filter-source').selectOption('');

  await page.getByTestId('sort').selectOption('name');
  await page.getByTestId('lead-count').filter({ hasText: '3 leads' }).waitFor();
  const names = await rows.locator('td.cell-title').allTextContents();
  assert.deepEqual(names, ['Alice Chen', 'Bob Smith', '王芳']);
  await screenshot(page, 'desktop-leads');
});

test('a failed write says so and leaves the data as it was', async () => {
  await page.getByRole('link', { name: 'Bob Smith' }).click();
  await page.getByTestId('lead-heading').filter({ hasText: 'Bob Smith' }).waitFor();
  // The browser refuses every write from now on, as it does when storage is full.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await field('Name').fill('Robert Smith');
  await page.getByTestId('save-lead').click();
  await notice().filter({ hasText: 'Not saved' }).waitFor();
  assert.match(await notice().textContent(), /QuotaExceededError|quota/i);
  assert.equal(await page.getByTestId('lead-heading').textContent(), 'Bob Smith');
  assert.equal(await field('Name').inputValue(), 'Robert Smith', 'what was typed is kept');
  await page.reload();
  await page.getByTestId('lead-heading').filter({ hasText: 'Bob Smith' }).waitFor();
  assert.equal(await field('Name').inputValue(), 'Bob Smith');
});

test('delete to Trash and restore, surviving a reload', async () => {
  await page.getByTestId('trash-lead').click();
  await page.waitForURL(/\/leads$/);
  await notice().filter({ hasText: 'Moved to Trash' }).waitFor();
  await page.getByTestId('lead-count').filter({ hasText: '2 leads' }).waitFor();

  await page.getByRole('link', { name: 'Trash' }).click();
  const trash = page.getByTestId('trash-list');
  await trash.getByText('Bob Smith').waitFor();
  await page.reload();
  await trash.getByText('Bob Smith').waitFor();
  await screenshot(page, 'desktop-trash');
  await trash.getByTestId('restore').click();
  await page.getByText('Trash is empty.').waitFor();

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByTestId('lead-count').filter({ hasText: '3 leads' }).waitFor();
  await page.reload();
  await page.getByTestId('lead-count').filter({ hasText: '3 leads' }).waitFor();
});

test('emptying Trash deletes for good after a confirmation', async () => {
  await page.getByRole('link', { name: 'Alice Chen' }).click();
  await page.getByTestId('trash-lead').click();
  await page.getByTestId('lead-count').filter({ hasText: '2 leads' }).waitFor();
  await page.getByRole('link', { name: 'Trash' }).click();
  await page.getByTestId('empty-trash').click();
  await page.getByTestId('confirm-empty-trash').click();
  await page.getByText('Trash is empty.').waitFor();
  await page.reload();
  await page.getByText('Trash is empty.').waitFor();
});

test('team members are added in Settings and become owners', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Team' }).waitFor();
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.locator('#member-error', { hasText: 'needs a name' }).waitFor();
  await page.locator('#member-name').fill('李伟');
  await page.locator('#member-email').fill('li.wei@example.cn');
  await page.getByRole('button', { name: 'Add member' }).click();
  await notice().filter({ hasText: 'Team member added.' }).waitFor();
  await screenshot(page, 'desktop-settings');
  await page.reload();
  await page.getByTestId('team-list').locator('input').first().waitFor();
  const values = await page.getByTestId('team-list').locator('input').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.ok(values.includes('李伟') && values.includes('li.wei@example.cn'), `team shows ${values}`);

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByRole('link', { name: '王芳' }).click();
  await field('Owner').selectOption({ label: '李伟' });
  await page.getByTestId('save-lead').click();
  await notice().filter({ hasText: 'Lead saved.' }).waitFor();
  await page.getByRole('link', { name: '← Leads' }).click();
  await page.getByTestId('filter-owner').selectOption({ label: '李伟' });
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
});

test('switch to Chinese: the screen is Chinese and stays so after a reload', async () => {
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByRole('heading', { name: '线索', level: 1 }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await page.getByRole('link', { name: '新建线索' }).waitFor();
  // Rows drawn in English are drawn again in Chinese, the phone card's cell labels too.
  const status = page.getByTestId('lead-table').locator('tr.record-row').first().locator('td[data-label="状态"] .badge');
  await status.waitFor();
  assert.match(await status.textContent(), /\p{Script=Han}/u);
  await page.reload();
  await page.getByRole('heading', { name: '线索', level: 1 }).waitFor();
  await page.getByRole('navigation').getByText('回收站').waitFor();
  const count = await page.getByTestId('lead-count').textContent();
  assert.equal(count, '2 条线索');
  await screenshot(page, 'desktop-leads-zh');
});

test('text typed by the user is shown as text and never run', async () => {
  let dialogs = 0;
  page.on('dialog', async (dialog) => { dialogs += 1; await dialog.dismiss(); });
  const hostile = '<img src=x onerror=alert(1)>';
  await page.goto(server.url + '/leads/new');
  await field('姓名').fill(hostile);
  await field('备注').fill('<script>alert(2)</script>');
  await page.getByTestId('save-lead').click();
  await page.getByTestId('lead-heading').filter({ hasText: hostile }).waitFor();
  await page.goto(server.url + '/leads');
  await page.getByRole('link', { name: hostile }).waitFor();
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(dialogs, 0);
  await page.getByRole('link', { name: hostile }).click();
  await page.getByTestId('trash-lead').click();
  await page.getByTestId('lead-count').filter({ hasText: '2 条线索' }).waitFor();
});

test('a browser set to Chinese starts in Chinese', async () => {
  const zh = await browser.newContext({ locale: 'zh-CN' });
  const fresh = await zh.newPage();
  await fresh.goto(server.url + '/');
  await fresh.getByRole('heading', { name: '今日', level: 1 }).waitFor();
  await fresh.getByRole('link', { name: '线索' }).click();
  await fresh.getByRole('heading', { name: '线索', level: 1 }).waitFor();
  assert.equal(await fresh.locator('html').getAttribute('lang'), 'zh-CN');
  await zh.close();
});

test('at phone width every screen fits, with the navigation at the bottom', async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  const screens = [
    ['today', '/'],
    ['leads', '/leads'],
    ['new-lead', '/leads/new'],
    ['trash', '/trash'],
    ['settings', '/settings'],
  ];
  for (const [name, path] of screens) {
    await phone.goto(server.url + path);
    await phone.locator('main h1').first().waitFor();
    assert.equal(await horizontalOverflow(phone), 0, `${name} scrolls sideways`);
    await screenshot(phone, `phone-${name}-zh`);
  }
  await phone.goto(server.url + '/leads');
  await phone.getByRole('link', { name: '王芳' }).click();
  await phone.getByTestId('lead-heading').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the lead page scrolls sideways');
  await screenshot(phone, 'phone-lead-zh');

  const nav = await phone.getByRole('navigation').boundingBox();
  assert.ok(nav.y + nav.height >= 844 - 1 && nav.y > 844 / 2, `navigation at ${JSON.stringify(nav)}`);
  await phone.getByTestId('language').selectOption('en');
  await phone.getByRole('link', { name: '← Leads' }).click();
  await phone.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
  assert.equal(await horizontalOverflow(phone), 0);
  await screenshot(phone, 'phone-leads-en');
  await phone.close();
});
