// Demo data: tried from an empty app, kept across a reload, made in Chinese when the app speaks
// Chinese, and cleared in one click without touching the user's own records. Real clicks, real
// IndexedDB; screenshots of the pipeline, customers and Today full of demo data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, screenshot, horizontalOverflow } from './support.mjs';

const server = await serveDist();
const browser = await launch();
after(async () => { await browser.close(); server.close(); });

/// A fresh browser context (so a fresh IndexedDB) at `path`, in `locale`.
async function fresh(path, locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  const page = await context.newPage();
  page.on('pageerror', (error) => { throw new Error(`page error: ${error.message}`); });
  await page.goto(server.url + path);
  await page.locator('h1').first().waitFor();
  return { context, page };
}

const nav = (page, name) => page.getByRole('link', { name, exact: true }).first().click();

/// Waits for the demo progress bar to come and go, and for the notice saying it is done.
async function loaded(page, scope) {
  await scope.getByTestId('demo-progress').waitFor();
  await scope.getByTestId('demo-progress').waitFor({ state: 'detached', timeout: 60_000 });
  await page.getByTestId('notice').filter({ hasText: /Demo data loaded|已载入示例数据/ }).waitFor();
}

test('an empty app offers demo data; it fills every list and stays after a reload', async () => {
  const { context, page } = await fresh('/');
  const offer = page.getByTestId('try-demo');
  await offer.getByRole('heading', { name: 'Try it with demo data' }).waitFor();
  await screenshot(page, 'demo-offer-desktop', { fullPage: false });
  await offer.getByTestId('try-demo-button').click();
  await loaded(page, offer);
  await offer.waitFor({ state: 'detached' });

  await page.getByTestId('today-tasks').locator('li').first().waitFor();
  await screenshot(page, 'demo-today-desktop');

  await nav(page, 'Customers');
  await page.getByTestId('customer-count').filter({ hasText: '200 customers' }).waitFor();
  await screenshot(page, 'demo-customers-desktop', { fullPage: false });

  await nav(page, 'Leads');
  const leads = await page.getByTestId('lead-count').textContent();
  assert.match(leads, /^\d{3} leads$/);

  await nav(page, 'Pipeline');
  const board = page.getByTestId('board');
  await board.getByTestId('opportunity-card').first().waitFor();
  for (const stage of ['new', 'proposal', 'negotiation', 'won', 'lost']) {
    assert.ok(await page.getByTestId(`column-${stage}`).getByTestId('opportunity-card').count() > 0, stage);
  }
  await screenshot(page, 'demo-pipeline-desktop', { fullPage: false });

  await nav(page, 'Orders');
  await page.getByTestId('sale-count').filter({ hasText: '1,000 orders' }).waitFor();

  await page.reload();
  await nav(page, 'Customers');
  await page.getByTestId('customer-count').filter({ hasText: '200 customers' }).waitFor();

  // Full lists fit a laptop's and a small window's width: long names end in an ellipsis
  // instead of pushing the last columns off the side of the page.
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    for (const list of ['customers', 'leads', 'contacts', 'opportunities', 'products', 'quotes', 'orders', 'activities']) {
      await page.goto(`${server.url}/${list}`);
      await page.locator('table.record-list tbody tr.record-row').first().waitFor();
      assert.equal(await horizontalOverflow(page), 0, `${list} at ${width} px scrolls sideways`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${server.url}/opportunities`);
  await page.locator('table.record-list tbody tr.record-row').first().waitFor();
  await screenshot(page, 'demo-opportunities-desktop', { fullPage: false });
  await nav(page, 'Customers');
  await page.getByTestId('customer-count').filter({ hasText: '200 customers' }).waitFor();

  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'demo-customers-phone', { fullPage: false });
  await nav(page, 'Today');
  await page.getByTestId('today-tasks').locator('li').first().waitFor();
  assert.equal(await horizontalOverflow(page), 0);
  await screenshot(page, 'demo-today-phone', { fullPage: false });
  await page.goto(server.url + '/pipeline');
  await page.getByTestId('board').getByTestId('opportunity-card').first().waitFor();
  await screenshot(page, 'demo-pipeline-phone', { fullPage: false });
  await context.close();
});

test('in Chinese the demo company is Chinese; clearing it keeps the user\'s own lead', async () => {
  const { context, page } = await fresh('/leads');
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByRole('heading', { name: '线索', level: 1 }).waitFor();
  await page.getByRole('link', { name: '新建线索' }).first().click();
  await page.getByLabel('姓名', { exact: true }).fill('我自己的线索');
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);

  await page.goto(server.url + '/settings');
  const panel = page.getByTestId('demo-settings');
  await panel.getByTestId('demo-count').filter({ hasText: '本设备上没有示例数据' }).waitFor();
  await panel.getByTestId('load-demo').click();
  await loaded(page, panel);
  await panel.getByTestId('demo-count').filter({ hasText: /本设备上有 [\d,]+ 条示例记录/ }).waitFor();

  await nav(page, '客户');
  await page.getByTestId('customer-count').filter({ hasText: '200' }).waitFor();
  const names = await page.getByTestId('customer-table').locator('tr.record-row').allTextContents();
  assert.ok(names.length > 5);
  assert.ok(names.every((row) => /公司/.test(row)), names.slice(0, 3).join(' | '));
  await screenshot(page, 'demo-customers-zh', { fullPage: false });

  await page.goto(server.url + '/settings');
  await panel.getByTestId('clear-demo').click();
  await panel.getByTestId('clear-demo-confirm').waitFor();
  await panel.getByTestId('clear-demo-yes').click();
  await page.getByTestId('notice').filter({ hasText: '已清除示例数据' }).waitFor();
  await panel.getByTestId('demo-count').filter({ hasText: '本设备上没有示例数据' }).waitFor();

  await nav(page, '客户');
  await page.getByTestId('customer-count').filter({ hasText: /^0/ }).waitFor();
  await nav(page, '线索');
  await page.getByTestId('lead-count').filter({ hasText: /^1\b/ }).waitFor();
  await page.getByRole('link', { name: '我自己的线索' }).waitFor();
  await page.reload();
  await page.getByRole('link', { name: '我自己的线索' }).waitFor();
  await context.close();
});

test('the benchmark opens a size from the address on an empty device, then drops the parameter', async () => {
  const { context, page } = await fresh('/?demo=s');
  await page.getByTestId('notice').filter({ hasText: 'Demo data loaded' }).waitFor({ timeout: 60_000 });
  assert.equal(new URL(page.url()).search, '');
  await nav(page, 'Customers');
  await page.getByTestId('customer-count').filter({ hasText: '200 customers' }).waitFor();
  await context.close();
});
