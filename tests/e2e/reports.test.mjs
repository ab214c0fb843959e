// Reports over the demo company: every report opens with a chart and a table, the period and
// owner change what it counts, a row lists the records behind it, a table exports as CSV, a
// reversed custom range is refused with a message, and every report fits a phone and speaks
// Chinese. Screenshots of each at desktop and phone width.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, screenshot, horizontalOverflow } from './support.mjs';

const server = await serveDist();
const browser = await launch();
after(async () => { await browser.close(); server.close(); });

async function withDemo(locale = 'en-US', viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw new Error(`page error: ${error.message}`); });
  await page.goto(server.url + '/?demo=s');
  await page.getByTestId('notice').filter({ hasText: /Demo data loaded|已载入示例数据/ }).waitFor({ timeout: 90_000 });
  return { context, page };
}

const tabs = (page) => page.locator('[data-testid^="report-tab-"]');

/// The number in the `column`th value cell of a row (1 = first value).
async function cellNumber(row, column) {
  const text = await row.locator('td').nth(column - 1).textContent();
  return Number(text.replace(/[^\d.-]/g, ''));
}

test('every report draws a chart and a table from the demo data, and lists what is behind a row', async () => {
  const { context, page } = await withDemo();
  await page.getByRole('link', { name: 'Reports', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
  const slugs = await tabs(page).evaluateAll((links) => links.map((a) => a.dataset.testid.replace('report-tab-', '')));
  assert.ok(slugs.length >= 1, 'reports are offered');
  await page.getByTestId('report-period').selectOption('last_12_months');
  for (const slug of slugs) {
    await page.getByTestId(`report-tab-${slug}`).click();
    await page.waitForURL(`**/reports/${slug}`);
    const sections = page.getByTestId('report-section');
    await sections.first().waitFor();
    assert.ok(await page.locator('.report-section svg.chart-svg').count() > 0, `${slug} draws a chart`);
    assert.ok(await page.getByTestId('report-row').count() > 0, `${slug} has rows`);
    await screenshot(page, `report-${slug}-desktop`);
  }

  await page.getByTestId('report-tab-activity').click();
  const byKind = page.getByTestId('report-section').filter({ hasText: 'Follow-ups by kind' });
  const calls = byKind.getByTestId('report-row').filter({ hasText: 'Call' });
  const callCount = await cellNumber(calls, 1);
  assert.ok(callCount > 0, 'the demo company makes calls');
  await calls.getByTestId('report-row-pick').click();
  const behind = byKind.getByTestId('report-behind');
  await behind.getByRole('heading', { name: `Call (${callCount})` }).waitFor();
  assert.equal(await behind.getByTestId('behind-record').count(), Math.min(callCount, 200));
  await behind.getByTestId('close-behind').click();
  await behind.waitFor({ state: 'detached' });

  // A chart's bar picks its row as the table does.
  const byOwner = page.getByTestId('report-section').filter({ hasText: 'Follow-ups by owner' });
  await byOwner.locator('g.chart-hit').first().click();
  await byOwner.getByTestId('report-behind').waitFor();

  // The busiest member's follow-ups are fewer than everyone's.
  const total = async () => cellNumber(byKind.getByTestId('report-total'), 1);
  const everyone = await total();
  const busiest = (await byOwner.getByTestId('report-row').first().locator('th').textContent()).trim();
  await page.getByTestId('report-owner').selectOption({ label: busiest });
  await page.waitForFunction((before) => {
    const section = [...document.querySelectorAll('[data-testid="report-section"]')].find((s) => s.textContent.includes('Follow-ups by kind'));
    const cell = section?.querySelector('[data-testid="report-total"] td');
    return cell && Number(cell.textContent.replace(/[^\d]/g, '')) < before;
  }, everyone);
  assert.ok(await total() > 0, 'the member has follow-ups');

  // This month counts less than the last twelve.
  await page.getByTestId('report-owner').selectOption('everyone');
  await page.getByTestId('report-period').selectOption('this_month');
  await page.waitForFunction((before) => {
    const section = [...document.querySelectorAll('[data-testid="report-section"]')].find((s) => s.textContent.includes('Follow-ups by kind'));
    const cell = section?.querySelector('[data-testid="report-total"] td');
    return cell && Number(cell.textContent.replace(/[^\d]/g, '')) < before;
  }, everyone);

  // A table exports as CSV: a BOM, headings in English, every row and the total.
  await page.getByTestId('report-period').selectOption('last_12_months');
  const rows = await byKind.getByTestId('report-row').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    byKind.getByTestId('report-csv').click(),
  ]);
  assert.match(download.suggestedFilename(), /^follow-ups-by-kind-\d{4}-\d{2}-01_\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
  const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], 'Kind,Follow-ups');
  assert.equal(lines.length, 1 + rows + 1, 'heading, rows, total');
  assert.equal(lines.at(-1), `Total,${everyone}`);

  // The demo team has targets: this month's dashboard sets each against what was sold.
  await page.getByTestId('report-period').selectOption('this_month');
  await page.getByTestId('report-tab-dashboard').click();
  const byMember = page.getByTestId('report-section').filter({ hasText: 'Target vs actual by member' });
  assert.ok(await cellNumber(byMember.getByTestId('report-total'), 1) > 0, 'the month has a target');
  await screenshot(page, 'report-dashboard-this-month-desktop');

  // Next quarter's forecast: three months, expected revenue from the open pipeline.
  await page.getByTestId('report-period').selectOption('next_quarter');
  await page.getByTestId('report-tab-forecast').click();
  const forecast = page.getByTestId('report-section').filter({ hasText: 'Expected revenue by month' });
  await forecast.waitFor();
  assert.equal(await forecast.getByTestId('report-row').count(), 3);
  assert.ok(await cellNumber(forecast.getByTestId('report-total'), 4) > 0, 'revenue is expected');
  await screenshot(page, 'report-forecast-next-quarter-desktop');

  // A reversed custom range says what is wrong and shows nothing.
  await page.getByTestId('report-period').selectOption('custom');
  await page.getByTestId('report-from').fill('2026-03-10');
  await page.getByTestId('report-to').fill('2026-03-01');
  await page.getByTestId('report-range').filter({ hasText: 'The end of the range is before its start.' }).waitFor();
  assert.equal(await page.getByTestId('report-section').count(), 0);
  await page.getByTestId('report-to').fill('2026-03-31');
  await page.getByTestId('report-section').first().waitFor();
  await context.close();
});

test('reports fit a phone and speak Chinese', async () => {
  const { context, page } = await withDemo('zh-CN', { width: 390, height: 844 });
  await page.goto(server.url + '/reports');
  await page.getByRole('heading', { name: '报表', level: 1 }).waitFor();
  await page.getByTestId('report-period').selectOption('last_12_months');
  const slugs = await tabs(page).evaluateAll((links) => links.map((a) => a.dataset.testid.replace('report-tab-', '')));
  for (const slug of slugs) {
    await page.getByTestId(`report-tab-${slug}`).click();
    await page.getByTestId('report-section').first().waitFor();
    assert.equal(await horizontalOverflow(page), 0, `${slug} scrolls sideways`);
    await screenshot(page, `report-${slug}-phone-zh`);
  }
  await page.getByTestId('report-tab-activity').click();
  await page.getByRole('heading', { name: '跟进类型分布' }).waitFor();
  await context.close();
});

test('a long table draws fifty rows at a time and the rest on demand', async () => {
  const { context, page } = await withDemo();
  await page.goto(server.url + '/reports/activity');
  await page.getByTestId('report-period').selectOption('last_12_months');
  const byWeek = page.getByTestId('report-section').filter({ hasText: 'Follow-ups by week' });
  const more = byWeek.getByTestId('report-more');
  await more.waitFor();
  const [, shown, count] = (await more.textContent()).match(/Showing (\d+) of (\d+) rows\. The CSV export has them all\./);
  assert.equal(Number(shown), 50);
  assert.ok(Number(count) > 50, `a year has more than fifty weeks (${count})`);
  assert.equal(await byWeek.getByTestId('report-row').count(), 50);
  await screenshot(page, 'report-show-more-desktop');

  await byWeek.getByTestId('report-show-more').click();
  await more.waitFor({ state: 'detached' });
  assert.equal(await byWeek.getByTestId('report-row').count(), Number(count));

  // The CSV has every row whatever the screen shows.
  const [download] = await Promise.all([page.waitForEvent('download'), byWeek.getByTestId('report-csv').click()]);
  const lines = (await readFile(await download.path())).subarray(3).toString('utf8').trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + Number(count) + 1, 'heading, every week, total');
  await context.close();
});

test('reports keep their columns between visits and make them again once the data changed', async () => {
  const { context, page } = await withDemo();
  const madeColumns = () => page.evaluate(() => performance.getEntriesByName('leadline:report-columns', 'measure').length);
  const newCustomers = async () => {
    const figure = page.getByTestId('report-figure').filter({ hasText: 'New customers' });
    return Number((await figure.getByTestId('figure-now').textContent()).replace(/[^\d]/g, ''));
  };
  const openDashboard = async () => {
    await page.getByRole('link', { name: 'Reports', exact: true }).first().click();
    await page.getByTestId('report-tab-dashboard').click();
    await page.getByTestId('report-figure').first().waitFor();
  };
  await openDashboard();
  const made = await madeColumns();
  assert.ok(made >= 1, 'the reports made their columns');
  const before = await newCustomers();

  await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
  await page.getByTestId('customer-count').waitFor();
  await openDashboard();
  assert.equal(await madeColumns(), made, 'nothing changed, so the columns are not made again');
  assert.equal(await newCustomers(), before);

  await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
  await page.getByRole('link', { name: 'New customer' }).click();
  await page.getByLabel('Customer name', { exact: true }).fill('Returning Visitor Ltd');
  await page.getByTestId('save-customer').click();
  await page.getByTestId('notice').filter({ hasText: 'Customer saved.' }).waitFor();
  await openDashboard();
  assert.equal(await madeColumns(), made + 1, 'a new customer makes them again');
  assert.equal(await newCustomers(), before + 1, 'and the dashboard counts it');
  await context.close();
});
