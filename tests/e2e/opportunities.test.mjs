// Opportunities from conversion to close, the pipeline set in Settings, and the lists with their
// bulk changes; real clicks, real IndexedDB, reloads to prove what was saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, screenshot, horizontalOverflow } from './support.mjs';

let app;
let server;
let context;
let page;

before(async () => {
  app = await openApp();
  ({ server, context } = app);
  page = await app.newPage();
  page.on('dialog', (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });
});

after(async () => app?.close());

const notice = () => page.getByTestId('notice');
const field = (label) => page.getByLabel(label, { exact: true });

async function newLead(name, company) {
  await page.goto(server.url + '/leads/new');
  await field('Name').fill(name);
  await field('Company').fill(company);
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  return page.url();
}

test('a lead converts with an opportunity, which is edited, moved and logged on its own page', async () => {
  const leadUrl = await newLead('李雷', '远航物流');
  await page.getByTestId('status-qualified').click();
  await page.getByTestId('convert-lead').click();
  await page.getByTestId('with-opportunity').check();
  await page.locator('#convert-opportunity-title').fill('Fleet tracking');
  await page.locator('#convert-opportunity-amount').fill('８６,０００');
  await page.locator('#convert-opportunity-stage').selectOption('proposal');
  await page.getByTestId('confirm-convert').click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  await page.getByTestId('opportunity-list').getByRole('link', { name: 'Fleet tracking' }).click();
  await page.getByTestId('opportunity-heading').filter({ hasText: 'Fleet tracking' }).waitFor();
  assert.equal(await page.getByTestId('opportunity-stage').textContent(), 'Proposal');
  assert.ok(await page.getByTestId('opportunity-contacts').getByLabel('李雷').isChecked(), 'the contact joins it');

  await page.locator('#opportunity-probability').fill('120');
  await page.locator('#opportunity-close').fill('2020-01-15');
  await page.getByTestId('save-opportunity-details').click();
  await page.locator('#opportunity-probability-error', { hasText: 'from 0 to 100' }).waitFor();
  await page.locator('#opportunity-probability').fill('65');
  await page.getByTestId('save-opportunity-details').click();
  await notice().filter({ hasText: 'Opportunity saved.' }).waitFor();

  await page.locator('#opportunity-move').selectOption('lost');
  await page.getByTestId('move-stage').click();
  await page.locator('#opportunity-lost-reason-error', { hasText: 'reason is required' }).waitFor();
  assert.equal(await page.getByTestId('opportunity-stage').textContent(), 'Proposal', 'nothing moved');
  await page.locator('#opportunity-lost-reason').fill('Chose a rival');
  await page.getByTestId('move-stage').click();
  await page.getByTestId('opportunity-stage').filter({ hasText: 'Lost' }).waitFor();
  await page.locator('#opportunity-move').selectOption('negotiation');
  await page.getByTestId('move-stage').click();
  await page.getByTestId('opportunity-stage').filter({ hasText: 'Negotiation' }).waitFor();

  const activity = page.getByTestId('activity-form');
  await activity.getByLabel('Subject', { exact: true }).fill('Kickoff call');
  await activity.getByLabel('With contact', { exact: true }).selectOption({ label: '李雷' });
  await activity.getByTestId('log-activity').click();
  await page.getByTestId('timeline').getByText('Kickoff call').waitFor();
  await page.getByTestId('timeline').getByText('with 李雷').waitFor();
  await screenshot(page, 'desktop-opportunity');

  await page.reload();
  await page.getByTestId('opportunity-heading').filter({ hasText: 'Fleet tracking' }).waitFor();
  assert.equal(await page.locator('#opportunity-probability').inputValue(), '80', 'a stage move sets its probability');
  assert.equal(await page.locator('#opportunity-close').inputValue(), '2020-01-15');
  const history = await page.getByTestId('stage-history').locator('li').allTextContents();
  assert.equal(history.length, 3);
  assert.match(history[0], /^Lost → Negotiation/);
  await page.getByTestId('timeline').getByText('Kickoff call').waitFor();

  await page.goto(leadUrl);
  await page.getByTestId('converted-to').getByRole('link', { name: 'Fleet tracking' }).waitFor();
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await page.getByTestId('today-closing').getByRole('link', { name: 'Fleet tracking' }).waitFor();
});

test("the pipeline's stages are set in Settings and the board follows", async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('#stage-name-proposal').fill('Quote sent');
  await page.locator('#stage-probability-proposal').fill('55');
  await page.getByTestId('stage-row').filter({ has: page.locator('#stage-name-proposal') }).getByRole('button', { name: 'Save', exact: true }).click();
  await notice().filter({ hasText: 'Pipeline saved.' }).waitFor();

  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByTestId('stage-problem').filter({ hasText: 'needs a name' }).waitFor();
  await page.locator('#new-stage-name').fill('Pilot');
  await page.locator('#new-stage-probability').fill('70');
  await page.getByRole('button', { name: 'Add stage' }).click();
  await page.getByTestId('stage-row').nth(7).waitFor();

  const row = (id) => page.getByTestId('stage-row').filter({ has: page.locator(`#stage-name-${id}`) });
  await row('negotiation').getByRole('button', { name: 'Remove' }).click();
  await page.getByTestId('stage-problem').filter({ hasText: 'Opportunities in this stage: 1' }).waitFor();
  await row('qualified').getByRole('button', { name: 'Move earlier' }).click();
  await notice().filter({ hasText: 'Pipeline saved.' }).waitFor();
  assert.equal(await row('won').getByRole('button', { name: 'Remove' }).count(), 0, 'Won stays');
  await screenshot(page, 'desktop-settings-stages');

  await page.reload();
  await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
  const headings = await page.getByTestId('board').locator('.column-head h2').allTextContents();
  assert.deepEqual(headings, ['Qualified · 20%', 'New · 10%', 'Needs analysis · 40%', 'Quote sent · 55%',
    'Negotiation · 80%', 'Pilot · 70%', 'Won · 100%', 'Lost · 0%']);
  await page.getByTestId('column-negotiation').getByText('Fleet tracking').waitFor();
});

test('opportunity, contact and activity lists search and filter', async () => {
  await page.getByRole('link', { name: 'List', exact: true }).click();
  await page.waitForURL(/\/opportunities$/);
  const table = page.getByTestId('opportunity-table');
  await table.getByRole('link', { name: 'Fleet tracking' }).waitFor();
  await page.getByTestId('opportunity-search').fill('远航');
  await page.getByTestId('opportunity-count').filter({ hasText: '1 shown' }).waitFor();
  assert.equal(await page.getByTestId('opportunity-sums').textContent(), 'CN¥86,000.00 in all, CN¥68,800.00 weighted');
  await page.getByTestId('filter-stage').selectOption('won');
  await page.getByText('No opportunities match.').waitFor();
  await page.getByTestId('filter-stage').selectOption('');
  await screenshot(page, 'desktop-opportunity-list');

  await page.getByRole('link', { name: 'Contacts', exact: true }).click();
  await page.getByTestId('contact-search').fill('远航');
  await page.getByTestId('contact-table').locator('tr.record-row', { hasText: '李雷' }).getByRole('link', { name: '远航物流' }).waitFor();

  await page.getByRole('link', { name: 'Activities', exact: true }).click();
  const call = page.getByTestId('activity-table').locator('tr.record-row', { hasText: 'Kickoff call' });
  await call.getByRole('link', { name: 'Fleet tracking' }).waitFor();
  await page.getByTestId('filter-open').selectOption('open');
  await page.getByText('No activities match.').waitFor();
});

test('rows are ticked to change their owner or go to Trash together', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('#member-name').fill('Li Na');
  await page.getByRole('button', { name: 'Add member' }).click();
  await notice().filter({ hasText: 'Team member added.' }).waitFor();
  await newLead('<img src=x onerror=alert(1)>', 'Harbor Ltd');
  await newLead('Tom Baker', 'Baker & Sons');

  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByTestId('lead-count').filter({ hasText: '3 leads' }).waitFor();
  await page.getByTestId('select-all').check();
  await page.getByTestId('selected-count').filter({ hasText: '3 selected' }).waitFor();
  await page.getByTestId('bulk-owner').selectOption({ label: 'Li Na' });
  await page.getByTestId('bulk-assign').click();
  await notice().filter({ hasText: 'Owner changed: 3.' }).waitFor();
  await page.getByTestId('filter-owner').selectOption({ label: 'Li Na' });
  await page.getByTestId('lead-count').filter({ hasText: '3 leads' }).waitFor();
  await page.getByTestId('filter-owner').selectOption('');

  const rows = page.getByTestId('lead-table').locator('tr.record-row');
  await rows.filter({ hasText: 'Harbor Ltd' }).getByTestId('select-row').check();
  await rows.filter({ hasText: 'Baker & Sons' }).getByTestId('select-row').check();
  await page.getByTestId('selected-count').filter({ hasText: '2 selected' }).waitFor();
  await screenshot(page, 'desktop-leads-bulk');
  await page.getByTestId('bulk-trash').click();
  await page.getByText('Move 2 records to Trash? They can be restored from Trash.').waitFor();
  await page.getByTestId('confirm-bulk-trash').click();
  await notice().filter({ hasText: 'Moved to Trash: 2.' }).waitFor();
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();

  await page.reload();
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  await page.getByRole('link', { name: 'Trash' }).click();
  await page.getByTestId('trash-list').getByText('<img src=x onerror=alert(1)>').waitFor();
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'typed markup stays text');
});

test('the new screens fit a phone, with the rest under More', async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(server.url + '/more');
  await phone.getByRole('heading', { name: 'More', level: 1 }).waitFor();
  await screenshot(phone, 'phone-more');
  for (const [path, name] of [['/opportunities', 'phone-opportunity-list'], ['/contacts', 'phone-contacts'],
    ['/activities', 'phone-activities'], ['/settings', 'phone-settings-stages']]) {
    await phone.goto(server.url + path);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await phone.locator('tr.record-row, .stage-row').first().waitFor();
    assert.equal(await horizontalOverflow(phone), 0, `${path} fits`);
    await screenshot(phone, name);
  }
  await phone.getByRole('link', { name: 'More' }).click();
  await phone.getByRole('main').getByRole('link', { name: 'Opportunities' }).click();
  await phone.getByTestId('opportunity-table').getByRole('link', { name: 'Fleet tracking' }).click();
  await phone.getByTestId('opportunity-heading').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the opportunity page fits');
  await screenshot(phone, 'phone-opportunity');
  await phone.getByTestId('language').selectOption('zh-CN');
  await phone.getByRole('heading', { name: '阶段', exact: true }).waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the opportunity page fits in Chinese');
  await screenshot(phone, 'phone-opportunity-zh');
  await phone.goto(server.url + '/activities');
  await phone.getByRole('heading', { name: '跟进记录', level: 1 }).waitFor();
  await screenshot(phone, 'phone-activities-zh');
  await phone.getByTestId('language').selectOption('en');
  await phone.close();
});
