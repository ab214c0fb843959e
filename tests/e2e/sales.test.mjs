// From a won deal to cash: an opportunity's quote with two products (one priced with tax
// included), accepted into an order, confirmed, paid in part on a two-installment plan,
// invoiced, overdue once its day passes, printed to PDF, and all of it still there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApp, screenshot, horizontalOverflow, SCREENSHOTS } from './support.mjs';

let app;
let server;
let page;

before(async () => {
  app = await openApp();
  ({ server } = app);
  page = await app.newPage();
  page.on('dialog', (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });
  await page.clock.setFixedTime(new Date('2026-03-02T10:00:00'));
  await page.reload();
  await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
});

after(async () => app?.close());

const notice = () => page.getByTestId('notice');
const field = (label) => page.getByLabel(label, { exact: true });

/// Puts two catalogue products and the company profile straight into IndexedDB, then reloads so
/// the app reads them.
async function seedProducts() {
  await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('leadline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const [me] = await new Promise((resolve) => {
      const all = db.transaction('team').objectStore('team').getAll();
      all.onsuccess = () => resolve(all.result);
    });
    const at = '2026-03-01T08:00:00.000Z';
    const product = (id, code, name, spec, price) => ({
      id, created_at: at, updated_at: at, rev: 1, owner: me.id, code, name, spec, unit: 'pc',
      category: 'Pumps', list_price: price, tax_rate: '13', active: true,
    });
    const logo = `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" rx="6" fill="#1f5fbf"/><text x="40" y="27" font-size="20" text-anchor="middle" fill="#fff">HN</text></svg>')}`;
    await new Promise((resolve, reject) => {
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').put({ key: 'company', value: {
        name: '华南泵业有限公司', address: '广州市天河区体育西路 100 号', phone: '020-8888 6666',
        email: 'sales@hnpump.example', tax_id: '91440101MA5XXXXX1X', bank_account: '',
        logo, terms: 'Payment by bank transfer. Delivery within 30 days of the first payment.',
      } });
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('products', 'readwrite');
      tx.objectStore('products').put(product('00000000-0000-7000-8000-00000000000a', 'P-100', 'Water pump', '2 kW', '1200.00'));
      tx.objectStore('products').put(product('00000000-0000-7000-8000-00000000000b', 'S-200', 'Install service', '', '500.00'));
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

test('an opportunity goes from quote to order to cash, exact to the cent everywhere', async () => {
  await seedProducts();
  await page.goto(server.url + '/leads/new');
  await field('Name').fill('韩梅梅');
  await field('Company').fill('江南水务');
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  await page.getByTestId('status-qualified').click();
  await page.getByTestId('convert-lead').click();
  await page.getByTestId('with-opportunity').check();
  await page.locator('#convert-opportunity-title').fill('Pump station');
  await page.locator('#convert-opportunity-amount').fill('3000');
  await page.getByTestId('confirm-convert').click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  const customerUrl = page.url();
  await page.getByTestId('opportunity-list').getByRole('link', { name: 'Pump station' }).click();
  await page.getByTestId('new-quote').click();
  await page.waitForURL(/\/quotes\/new\?opportunity=/);

  assert.equal(await page.locator('#sale-number').inputValue(), 'Q-2026-0001');
  assert.equal(await page.locator('#sale-valid-until').inputValue(), '2026-04-01');
  await page.getByTestId('save-sale').click();
  await page.getByTestId('no-lines').filter({ hasText: 'at least one line' }).waitFor();

  await page.getByTestId('add-product').selectOption({ label: 'P-100 · Water pump' });
  await page.getByTestId('add-product').selectOption({ label: 'S-200 · Install service' });
  const lines = page.getByTestId('line');
  assert.equal(await lines.count(), 2);
  assert.equal(await lines.nth(0).getByTestId('line-description').inputValue(), 'Water pump (2 kW)');
  await lines.nth(0).getByTestId('line-quantity').fill('2');
  await lines.nth(1).getByTestId('line-price').fill('565');
  await lines.nth(1).getByTestId('line-includes-tax').check();
  assert.equal(await lines.nth(0).getByTestId('line-gross').textContent(), 'CN¥2,712.00');
  assert.equal(await lines.nth(1).getByTestId('line-gross').textContent(), 'CN¥565.00');
  assert.equal(await page.getByTestId('total-net').textContent(), 'CN¥2,900.00');
  assert.equal(await page.getByTestId('total-tax').textContent(), 'CN¥377.00');
  assert.equal(await page.getByTestId('total-gross').textContent(), 'CN¥3,277.00');

  await lines.nth(1).getByTestId('line-quantity').fill('zero');
  await page.getByTestId('save-sale').click();
  await lines.nth(1).getByTestId('line-problem').filter({ hasText: 'Quantity must be a number above 0' }).waitFor();
  assert.equal(page.url().includes('/quotes/new'), true, 'nothing saved');
  await lines.nth(1).getByTestId('line-quantity').fill('1');
  await page.getByTestId('save-sale').click();
  await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/);
  await page.getByTestId('sale-status').filter({ hasText: 'Draft' }).waitFor();
  await screenshot(page, 'desktop-quote');

  await page.getByTestId('mark-sent').click();
  await page.getByTestId('sale-status').filter({ hasText: 'Sent' }).waitFor();
  await page.getByTestId('accept-quote').click();
  await notice().filter({ hasText: 'Quote accepted' }).waitFor();
  await page.getByTestId('sale-status').filter({ hasText: 'Accepted' }).waitFor();
  assert.equal(await page.locator('#sale-number').isDisabled(), true, 'an accepted quote is locked');
  await page.getByTestId('mark-won').click();
  await notice().filter({ hasText: 'Opportunity marked as won.' }).waitFor();
  await page.getByTestId('mark-won-offer').waitFor({ state: 'detached' });

  await page.getByTestId('quote-order').getByRole('link', { name: 'SO-2026-0001' }).click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();
  await page.getByTestId('sale-status').filter({ hasText: 'Draft' }).waitFor();
  assert.equal(await page.getByTestId('total-gross').textContent(), 'CN¥3,277.00', 'the order has the quote\'s lines');
  await page.getByTestId('order-confirmed').click();
  await page.getByTestId('sale-status').filter({ hasText: 'Confirmed' }).waitFor();
  assert.equal(await page.getByTestId('money-total').textContent(), 'CN¥3,277.00');

  await page.getByTestId('edit-plan').click();
  await page.getByTestId('plan-due').first().fill('2026-03-15');
  await page.getByTestId('plan-amount').first().fill('1,500.00');
  await page.getByTestId('add-installment').click();
  await page.getByTestId('plan-due').nth(1).fill('2026-04-01');
  await page.getByTestId('plan-amount').nth(1).fill('1000');
  await page.getByTestId('save-plan').click();
  await page.getByTestId('plan-problems').filter({ hasText: 'add up to CN¥2,500.00, but the order total is CN¥3,277.00' }).waitFor();
  await page.getByTestId('plan-amount').nth(1).fill('1777');
  await page.getByTestId('save-plan').click();
  await notice().filter({ hasText: 'Payment plan saved.' }).waitFor();
  assert.equal(await page.getByTestId('installment').count(), 2);

  await page.getByTestId('payment-amount').fill('4000');
  await page.getByTestId('record-payment').click();
  await page.getByTestId('payment-problem').filter({ hasText: 'at most CN¥3,277.00 more' }).waitFor();
  assert.equal(await page.getByTestId('payment').count(), 0, 'the overpayment was not recorded');
  await page.getByTestId('payment-amount').fill('1000');
  await page.getByTestId('payment-method').selectOption({ label: 'Alipay' });
  await page.getByTestId('record-payment').click();
  await notice().filter({ hasText: 'Payment recorded.' }).waitFor();
  assert.equal(await page.getByTestId('money-paid').textContent(), 'CN¥1,000.00');
  assert.equal(await page.getByTestId('money-balance').textContent(), 'CN¥2,277.00');
  assert.equal(await page.getByTestId('money-overdue').textContent(), 'CN¥0.00');

  await page.getByTestId('invoice-number').fill('04412345');
  await page.getByTestId('invoice-amount').fill('3277');
  await page.getByTestId('issue-invoice').click();
  await notice().filter({ hasText: 'Invoice recorded.' }).waitFor();
  await page.getByTestId('invoice-number').fill('04412346');
  await page.getByTestId('invoice-amount').fill('0.01');
  await page.getByTestId('issue-invoice').click();
  await page.getByTestId('invoice-problem').filter({ hasText: 'at most CN¥0.00 more' }).waitFor();
  assert.equal(await page.getByTestId('invoice').count(), 1);
  assert.equal(await page.getByTestId('money-invoiced').textContent(), 'CN¥3,277.00');
  await screenshot(page, 'desktop-order');

  // Six weeks on: the first installment is part-paid and late, the second is late too.
  await page.clock.setFixedTime(new Date('2026-04-15T10:00:00'));
  await page.reload();
  await page.getByTestId('order-heading').waitFor();
  assert.equal(await page.getByTestId('money-overdue').textContent(), 'CN¥2,277.00');
  assert.equal(await page.getByTestId('installment-overdue').count(), 2);

  await page.goto(server.url + '/receivables');
  const row = page.getByTestId('receivable');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.equal(await row.getByTestId('receivable-balance').textContent(), 'CN¥2,277.00');
  assert.match(await page.getByTestId('ageing-1').textContent(), /CN¥1,777\.00/);
  assert.match(await page.getByTestId('ageing-2').textContent(), /CN¥500\.00/);
  assert.equal(await page.getByTestId('ageing-total').textContent(), 'CN¥2,277.00');
  await screenshot(page, 'desktop-receivables');

  await page.goto(server.url + '/');
  await page.getByTestId('payments-due').getByRole('link', { name: /SO-2026-0001/ }).first().waitFor();

  await page.goto(orderUrl);
  await page.getByTestId('order-heading').waitFor();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await writeFile(join(SCREENSHOTS, 'order.pdf'), pdf);
  assert.ok(pdf.length > 10_000, 'the printout has content');
  await page.getByTestId('print-sheet').waitFor();
  await page.getByTestId('print-sheet').getByText('华南泵业有限公司').waitFor();
  assert.equal(await page.getByTestId('print-total').textContent(), 'CN¥3,277.00');
  assert.equal(await page.getByTestId('print-number').textContent(), 'SO-2026-0001');
  await screenshot(page, 'print-order-en');
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByTestId('order-heading').filter({ hasText: '销售订单' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  await page.getByTestId('print-sheet').getByText('总计').waitFor();
  await screenshot(page, 'print-order-zh');
  await writeFile(join(SCREENSHOTS, 'order-zh.pdf'), await page.pdf({ format: 'A4', printBackground: true }));
  await page.emulateMedia({ media: 'screen' });
  await page.getByTestId('language').selectOption('en');
  await page.getByTestId('order-heading').filter({ hasText: 'Sales order' }).waitFor();

  await page.goto(customerUrl);
  await page.getByTestId('customer-won').waitFor();
  await page.getByTestId('customer-quotes').getByRole('link', { name: /Q-2026-0001/ }).waitFor();
  await page.getByTestId('customer-orders').getByText(/Balance due CN¥2,277\.00/).waitFor();
  await page.getByTestId('customer-payments').getByText(/1,000\.00/).waitFor();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(orderUrl);
  await page.getByTestId('order-heading').waitFor();
  await screenshot(page, 'phone-order');
  assert.equal(await horizontalOverflow(page), 0, 'no sideways scrolling on a phone');
  await page.goto(server.url + '/quotes/new');
  await page.getByTestId('add-product').selectOption({ label: 'P-100 · Water pump' });
  await screenshot(page, 'phone-quote-editor');
  assert.equal(await horizontalOverflow(page), 0, 'the line editor fits a phone');
  await page.goto(server.url + '/receivables');
  await page.getByTestId('receivable').first().waitFor();
  await screenshot(page, 'phone-receivables');
  assert.equal(await horizontalOverflow(page), 0);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the customer who bought the pump is offered the price they paid, and the quote can be copied', async () => {
  await page.goto(server.url + '/quotes');
  await page.getByTestId('quote-table').getByRole('link', { name: 'Q-2026-0001' }).click();
  await page.getByTestId('copy-quote').click();
  await notice().filter({ hasText: 'Quote copied.' }).waitFor();
  await page.getByTestId('quote-heading').filter({ hasText: 'Q-2026-0002' }).waitFor();
  await page.getByTestId('sale-status').filter({ hasText: 'Draft' }).waitFor();
  assert.equal(await page.getByTestId('total-gross').textContent(), 'CN¥3,277.00');
  await page.getByTestId('add-product').selectOption({ label: 'S-200 · Install service' });
  const offered = page.getByTestId('line').nth(2);
  assert.equal(await offered.getByTestId('line-price').inputValue(), '565', 'the price paid last time');
  assert.ok(await offered.getByTestId('line-includes-tax').isChecked());
  await offered.getByTestId('price-offered').waitFor();

  await page.reload();
  await page.getByTestId('quote-heading').filter({ hasText: 'Q-2026-0002' }).waitFor();
  assert.equal(await page.getByTestId('line').count(), 2, 'the unsaved line is gone, the saved ones stay');
  await page.goto(server.url + '/quotes');
  await page.getByTestId('quote-table').locator('tr.record-row').nth(1).waitFor();
  assert.equal(await page.getByTestId('quote-table').locator('tr.record-row').count(), 2);
  await page.getByTestId('sale-status-filter').selectOption('accepted');
  assert.equal(await page.getByTestId('quote-table').locator('tr.record-row').count(), 1);
});
