// From lead to customer: conversion, the duplicate check, contacts; real clicks, real IndexedDB.
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

async function qualifiedLead(name, company, phone, email) {
  await page.goto(server.url + '/leads/new');
  await field('Name').fill(name);
  await field('Company').fill(company);
  await field('Phone').fill(phone);
  await field('Email').fill(email);
  await field('Job title').fill('采购经理');
  await field('City').fill('杭州');
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  assert.equal(await page.getByTestId('convert-lead').count(), 0, 'only a qualified lead converts');
  await page.getByTestId('status-qualified').click();
  await page.getByTestId('lead-status').filter({ hasText: 'Qualified' }).waitFor();
  return page.url();
}

test('a qualified lead converts into a new customer with a contact', async () => {
  const leadUrl = await qualifiedLead('王芳', '星辰科技有限公司', '+86 138-0013-8000', 'wang.fang@xingchen.cn');
  await page.getByTestId('convert-lead').click();
  await page.getByRole('heading', { name: 'Convert 王芳' }).waitFor();
  assert.ok(await page.getByTestId('new-customer-choice').isChecked(), 'no match, so a new customer');
  assert.equal(await field('Customer name').inputValue(), '星辰科技有限公司');
  assert.equal(await page.locator('#convert-contact-name').inputValue(), '王芳');
  await screenshot(page, 'desktop-convert');
  await page.getByTestId('confirm-convert').click();
  await notice().filter({ hasText: 'Lead converted.' }).waitFor();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  assert.equal(await page.getByTestId('customer-heading').textContent(), '星辰科技有限公司');
  await page.getByTestId('contact-list').getByText('王芳').waitFor();
  await page.getByTestId('from-lead').getByRole('link', { name: '王芳' }).waitFor();
  assert.equal(await field('City').inputValue(), '杭州');

  await page.goto(leadUrl);
  await page.getByTestId('lead-status').filter({ hasText: 'Converted' }).waitFor();
  await page.getByTestId('converted-to').getByRole('link', { name: '星辰科技有限公司' }).waitFor();
  assert.equal(await page.getByTestId('convert-lead').count(), 0, 'converted only once');
  assert.equal(await page.locator('[data-testid^="status-"]').count(), 0, 'a converted lead keeps its status');
});

test('a second lead from the same company is matched to the existing customer', async () => {
  await qualifiedLead('李伟', '星辰 科技有限公司', '13800138000', 'li.wei@xingchen.cn');
  await page.getByTestId('convert-lead').click();
  const existing = page.getByLabel(/Use 星辰科技有限公司/);
  await existing.waitFor();
  assert.ok(await existing.isChecked(), 'the match is proposed');
  assert.match(await page.locator('.choice').textContent(), /same name, same phone/);
  await page.getByTestId('confirm-convert').click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  const contacts = page.getByTestId('contact-list');
  await contacts.getByText('李伟').waitFor();
  await contacts.getByText('王芳').waitFor();
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByTestId('customer-count').filter({ hasText: '1 customers' }).waitFor();
});

test('a new customer that looks like an existing one is flagged, not blocked', async () => {
  await page.getByRole('link', { name: 'New customer' }).click();
  await page.getByTestId('save-customer').click();
  await page.locator('#customer-name-error', { hasText: 'Required' }).waitFor();
  await field('Customer name').fill('星辰科技有限公司');
  await page.getByTestId('duplicate-warning').getByRole('link', { name: '星辰科技有限公司' }).waitFor();
  await field('Customer name').fill('ＡＣＭＥ Trading');
  assert.equal(await page.getByTestId('duplicate-warning').count(), 0);
  await field('Tags').fill('VIP，华东, VIP');
  await page.getByTestId('save-customer').click();
  await notice().filter({ hasText: 'Customer saved.' }).waitFor();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  assert.equal(await field('Tags').inputValue(), 'VIP, 华东');

  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByTestId('customer-search').fill('acme');
  await page.getByTestId('customer-count').filter({ hasText: '1 customers' }).waitFor();
  await page.getByTestId('customer-search').fill('华东');
  await page.getByTestId('customer-table').getByRole('link', { name: 'ＡＣＭＥ Trading' }).waitFor();
});

test('contacts are added, checked, edited and sent to Trash from the customer page', async () => {
  await page.getByTestId('customer-table').getByRole('link', { name: 'ＡＣＭＥ Trading' }).click();
  const form = page.getByTestId('contact-form');
  await form.getByTestId('save-contact').click();
  await page.locator('#contact-name-error', { hasText: 'Required' }).waitFor();
  await page.locator('#contact-name').fill('Bob Smith');
  await page.locator('#contact-email').fill('bob@');
  await form.getByTestId('save-contact').click();
  await page.locator('#contact-email-error', { hasText: 'email' }).waitFor();
  await page.locator('#contact-email').fill('bob@acme.com');
  await form.getByLabel('Decision maker').check();
  await form.getByTestId('save-contact').click();
  await notice().filter({ hasText: 'Contact saved.' }).waitFor();
  const card = page.getByTestId('contact-list').locator('li', { hasText: 'Bob Smith' });
  await card.getByText('Decision maker').waitFor();

  await card.getByRole('button', { name: 'Edit' }).click();
  await page.locator('#contact-title').fill('CEO');
  await form.getByTestId('save-contact').click();
  await card.getByText('CEO').waitFor();
  await screenshot(page, 'desktop-customer');

  await page.reload();
  await page.getByTestId('contact-list').locator('li', { hasText: 'Bob Smith' }).getByText('CEO').waitFor();
  await page.getByTestId('contact-list').locator('li', { hasText: 'Bob Smith' }).getByRole('button', { name: 'Move to Trash' }).click();
  await page.getByText('No contacts yet.').waitFor();
  await page.getByRole('link', { name: 'Trash' }).click();
  await page.getByTestId('trash-list').getByText('Bob Smith').waitFor();
  await page.getByTestId('trash-list').getByTestId('restore').click();
  await page.getByText('Trash is empty.').waitFor();
});

test('an opportunity moves across the board to Won, by select and by drag, keeping its history', async () => {
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByTestId('customer-table').getByRole('link', { name: '星辰科技有限公司' }).click();
  const form = page.getByTestId('opportunity-form');
  await page.locator('#opportunity-title').fill('ERP rollout');
  await page.locator('#opportunity-amount').fill('12,8OO');
  await form.getByTestId('save-opportunity').click();
  await page.locator('#opportunity-amount-error', { hasText: 'Enter an amount' }).waitFor();
  await page.locator('#opportunity-amount').fill('128,000.50');
  await form.getByTestId('save-opportunity').click();
  await notice().filter({ hasText: 'Opportunity saved.' }).waitFor();

  await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
  const card = page.getByTestId('opportunity-card').filter({ hasText: 'ERP rollout' });
  await page.getByTestId('column-new').getByText('ERP rollout').waitFor();
  assert.match(await page.getByTestId('column-new').getByTestId('column-total').textContent(), /1 · CN¥128,000\.50/);

  await card.getByLabel('Move to').selectOption('proposal');
  await page.getByTestId('column-proposal').getByText('ERP rollout').waitFor();
  // Dragging needs both columns on screen (a user's browser scrolls the board near its edge).
  await page.setViewportSize({ width: 1600, height: 900 });
  await card.dragTo(page.getByTestId('column-negotiation'), { sourcePosition: { x: 12, y: 12 } });
  await page.getByTestId('column-negotiation').getByText('ERP rollout').waitFor();
  await page.setViewportSize({ width: 1280, height: 800 });

  await card.getByLabel('Move to').selectOption('lost');
  await page.getByTestId('confirm-lost').click();
  await page.getByText('A reason is required to mark an opportunity lost.').waitFor();
  await page.getByLabel('Why was it lost?').fill('Budget frozen');
  await page.getByTestId('confirm-lost').click();
  await page.getByTestId('column-lost').getByText('ERP rollout').waitFor();
  await card.getByLabel('Move to').selectOption('won');
  await page.getByTestId('column-won').getByText('ERP rollout').waitFor();
  await screenshot(page, 'desktop-pipeline');

  await page.reload();
  await page.getByTestId('column-won').getByText('ERP rollout').waitFor();
  await page.getByTestId('column-won').getByRole('link', { name: '星辰科技有限公司' }).click();
  const history = page.getByTestId('opportunity-list').getByTestId('stage-history');
  assert.equal(await history.textContent(), 'New → Proposal → Negotiation → Lost → Won');
  assert.equal(await page.getByTestId('opportunity-list').getByTestId('opportunity-stage').textContent(), 'Won');
});

test('customer screens fit a phone', async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(server.url + '/customers');
  await phone.getByTestId('customer-table').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the customer list scrolls sideways');
  await screenshot(phone, 'phone-customers');
  await phone.getByRole('link', { name: '星辰科技有限公司' }).click();
  await phone.getByTestId('customer-heading').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the customer page scrolls sideways');
  await screenshot(phone, 'phone-customer');
  await phone.goto(server.url + '/');
  await phone.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'Today scrolls sideways');
  await screenshot(phone, 'phone-today');
  await phone.goto(server.url + '/pipeline');
  await phone.getByTestId('board').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the pipeline page scrolls sideways (the board may)');
  await screenshot(phone, 'phone-pipeline');
  await phone.close();
});

// Last in the file: Playwright's clock applies to the whole context from here on.
/// A day as the date inputs write it, `days` from now, in the browser's (and this machine's) zone.
function dayFromNow(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('log a call with a follow-up and a task; Today shows them when the day comes', async () => {
  const tomorrow = dayFromNow(1);
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByTestId('customer-table').getByRole('link', { name: '星辰科技有限公司' }).click();
  const form = page.getByTestId('activity-form');
  await form.getByTestId('log-activity').click();
  await page.locator('#activity-subject-error', { hasText: 'Required' }).waitFor();
  await form.getByLabel('Subject', { exact: true }).fill('Discussed pricing');
  await form.getByLabel('Next follow-up', { exact: true }).fill(tomorrow);
  await form.getByTestId('log-activity').click();
  await notice().filter({ hasText: 'Activity logged.' }).waitFor();
  await page.getByTestId('timeline').getByText('Discussed pricing').waitFor();
  assert.equal(await page.locator('#customer-follow-up').inputValue(), tomorrow, 'the follow-up reaches the customer');

  await form.getByLabel('Type', { exact: true }).selectOption('task');
  await form.getByLabel('Subject', { exact: true }).fill('Send the brochure');
  await form.getByTestId('log-activity').click();
  await page.locator('#activity-due-error', { hasText: 'Required' }).waitFor();
  await form.getByLabel('Due', { exact: true }).fill(tomorrow);
  await form.getByTestId('log-activity').click();
  await page.getByTestId('timeline').getByText('Send the brochure').waitFor();
  await screenshot(page, 'desktop-customer-activity');

  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  assert.equal(await page.getByTestId('today-tasks').getByText('Send the brochure').count(), 0, 'not due yet');

  const later = await context.newPage();
  await later.clock.setFixedTime(new Date(`${tomorrow}T10:00:00`));
  await later.goto(server.url + '/');
  await later.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await later.getByTestId('today-tasks').getByText('Send the brochure').waitFor();
  await later.getByTestId('today-follow-ups').getByRole('link', { name: '星辰科技有限公司' }).waitFor();
  await later.getByTestId('forgotten-days').fill('1');
  await later.getByTestId('forgotten-days').press('Enter');
  const forgotten = later.getByTestId('today-forgotten');
  await forgotten.locator('li', { hasText: 'ＡＣＭＥ Trading' }).getByText('never contacted').waitFor();
  await forgotten.locator('li', { hasText: '星辰科技有限公司' }).getByText('last contact').waitFor();
  await later.getByTestId('forgotten-days').fill('30');
  await later.getByTestId('forgotten-days').press('Enter');
  await forgotten.getByText('Nobody is forgotten.').waitFor();
  await later.getByTestId('forgotten-days').fill('1');
  await later.getByTestId('forgotten-days').press('Enter');
  await forgotten.locator('li').first().waitFor();
  await screenshot(later, 'desktop-today');

  await later.getByTestId('today-tasks').getByRole('checkbox').click({ noWaitAfter: true });
  await later.getByTestId('today-tasks').getByText('Nothing due.').waitFor();
  await later.reload();
  await later.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
  await later.getByTestId('today-tasks').getByText('Nothing due.').waitFor();
  assert.equal(await later.getByTestId('forgotten-days').inputValue(), '1', 'the threshold is remembered');
  await later.close();
});

test("a converted lead's activities show on its customer", async () => {
  await page.getByRole('link', { name: 'Leads', exact: true }).click();
  await page.getByTestId('lead-table').getByRole('link', { name: '王芳' }).click();
  await page.getByTestId('activity-form').getByLabel('Subject', { exact: true }).fill('Visited the factory');
  await page.getByTestId('activity-form').getByLabel('Type', { exact: true }).selectOption('visit');
  await page.getByTestId('log-activity').click();
  await page.getByTestId('timeline').getByText('Visited the factory').waitFor();
  await page.getByTestId('converted-to').getByRole('link').click();
  await page.getByTestId('timeline').getByText('Visited the factory').waitFor();
});
