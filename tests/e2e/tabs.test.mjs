// Two tabs on the same data: a write in one shows in the other; a stale save is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './support.mjs';

let app;
let a;
let b;

before(async () => {
  app = await openApp();
  a = await app.newPage();
  b = await app.newPage();
});

after(async () => app?.close());

test('a lead created in one tab appears in the other without a reload', async () => {
  await a.getByRole('link', { name: 'New lead' }).first().click();
  await a.getByLabel('Name', { exact: true }).fill('Tab Lead');
  await a.getByLabel('Job title', { exact: true }).fill('Buyer');
  await a.getByTestId('save-lead').click();
  await a.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  await b.getByTestId('lead-table').getByRole('link', { name: 'Tab Lead' }).waitFor();
});

test('a save from a copy that another tab changed is refused and changes nothing', async () => {
  await b.getByTestId('lead-table').getByRole('link', { name: 'Tab Lead' }).click();
  await b.getByTestId('lead-heading').filter({ hasText: 'Tab Lead' }).waitFor();

  await a.getByLabel('Job title', { exact: true }).fill('Head of purchasing');
  await a.getByTestId('save-lead').click();
  await a.getByTestId('notice').filter({ hasText: 'Lead saved.' }).waitFor();

  await b.getByTestId('changed-elsewhere').waitFor();
  await b.getByLabel('Job title', { exact: true }).fill('Intern');
  await b.getByTestId('save-lead').click();
  await b.getByTestId('notice').filter({ hasText: 'changed in another tab' }).waitFor();

  await b.getByTestId('load-latest').click();
  assert.equal(await b.getByLabel('Job title', { exact: true }).inputValue(), 'Head of purchasing');
  assert.equal(await b.getByTestId('changed-elsewhere').count(), 0);
  await b.locator('#lead-notes').fill('Met at the fair');
  await b.getByTestId('save-lead').click();
  await b.getByTestId('notice').filter({ hasText: 'Lead saved.' }).waitFor();

  await a.getByTestId('changed-elsewhere').waitFor();
  await a.reload();
  await a.getByTestId('lead-heading').filter({ hasText: 'Tab Lead' }).waitFor();
  assert.equal(await a.getByLabel('Job title', { exact: true }).inputValue(), 'Head of purchasing');
  assert.equal(await a.locator('#lead-notes').inputValue(), 'Met at the fair');
});

test('a pipeline stage renamed in one tab shows on the board of the other', async () => {
  await b.goto(new URL('/pipeline', b.url()).href);
  await b.getByTestId('column-proposal').waitFor();
  await a.goto(new URL('/settings', a.url()).href);
  await a.locator('#stage-name-proposal').fill('Offer out');
  await a.getByTestId('stage-row').filter({ has: a.locator('#stage-name-proposal') })
    .getByRole('button', { name: 'Save', exact: true }).click();
  await a.getByTestId('notice').filter({ hasText: 'Pipeline saved.' }).waitFor();
  await b.getByTestId('column-proposal').getByRole('heading', { name: 'Offer out · 60%' }).waitFor();
});
