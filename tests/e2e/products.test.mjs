// Products and the business settings: real clicks, real IndexedDB, a real PNG for the logo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync, crc32 } from 'node:zlib';
import { openApp, screenshot, horizontalOverflow } from './support.mjs';

let app;
let server;
let context;
let page;

before(async () => {
  app = await openApp();
  ({ server, context } = app);
  page = await app.newPage();
});

after(async () => app?.close());

const notice = () => page.getByTestId('notice');
const table = () => page.getByTestId('product-table');
const row = (code) => table().locator('tr', { hasText: code });

/// A PNG of `size` x `size` pixels of one colour, made here so the test needs no file.
function png(size, [r, g, b]) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const line = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).fill(Buffer.from([r, g, b]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => line)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function newProduct({ code, name, spec = '', unit = '', category = '', price, tax = '' }) {
  await page.goto(server.url + '/products/new');
  await page.getByRole('heading', { name: 'New product', level: 1 }).waitFor();
  await page.locator('#product-code').fill(code);
  await page.locator('#product-name').fill(name);
  await page.locator('#product-spec').fill(spec);
  await page.locator('#product-unit').fill(unit);
  await page.locator('#product-category').fill(category);
  await page.locator('#product-price').fill(price);
  if (tax) await page.locator('#product-tax-rate').fill(tax);
}

async function save() {
  await page.getByTestId('save-product').click();
}

test('products are created; a taken code is refused, the same name and spec only flagged', async () => {
  await page.goto(server.url + '/products');
  await page.getByText('No products yet.').waitFor();
  await page.getByRole('link', { name: 'New product' }).click();
  await save();
  await page.locator('#product-code-error', { hasText: 'Required' }).waitFor();
  await page.locator('#product-name-error', { hasText: 'Required' }).waitFor();
  assert.equal(await page.locator('#product-tax-rate').inputValue(), '13', 'China VAT until typed');

  await newProduct({ code: 'GPS-01', name: '车载定位器', spec: '4G', unit: '台', category: 'Hardware', price: '１,２８０.５０', tax: '13%' });
  await save();
  await notice().filter({ hasText: 'Product saved.' }).waitFor();
  await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
  const firstUrl = page.url();
  assert.equal(await page.getByTestId('product-heading').textContent(), '车载定位器');

  await newProduct({ code: 'ｇｐｓ-01', name: ' 车载定位器 ', spec: '4g', unit: '台', category: 'hardware', price: '1,450', tax: 'x' });
  const warning = page.getByTestId('duplicate-warning');
  await warning.getByRole('link', { name: 'GPS-01 · 车载定位器 4G' }).waitFor();
  await save();
  await page.locator('#product-code-error', { hasText: 'This code is already used by' }).waitFor();
  await page.locator('#product-tax-rate-error', { hasText: 'percentage from 0 to 100' }).waitFor();
  assert.equal(await page.locator('#product-code-error').getByRole('link').getAttribute('href'),
    new URL(firstUrl).pathname, 'the clash links to the product that has the code');
  await page.locator('#product-price').fill('-3');
  await save();
  await page.locator('#product-price-error', { hasText: 'not negative' }).waitFor();
  await screenshot(page, 'desktop-product-clash');
  await page.locator('#product-code').fill('GPS-02');
  await page.locator('#product-price').fill('1,450');
  await page.locator('#product-tax-rate').fill('13 %');
  await save();
  await notice().filter({ hasText: 'Product saved.' }).waitFor();
  await page.waitForURL((url) => url.href !== firstUrl && /\/products\/[0-9a-f-]{36}$/.test(url.pathname));

  await newProduct({ code: 'SVC-01', name: 'Annual service', unit: 'year', category: 'Service', price: '3600', tax: '6' });
  await save();
  await notice().filter({ hasText: 'Product saved.' }).waitFor();
  await page.getByTestId('product-heading').filter({ hasText: 'Annual service' }).waitFor();
});

test('the list searches, filters, sorts and switches products off in bulk', async () => {
  await page.getByRole('link', { name: '← Products' }).click();
  await page.getByTestId('product-count').filter({ hasText: '3 products' }).waitFor();
  assert.equal(await row('GPS-01').locator('td').nth(6).textContent(), 'CN¥1,280.50');
  assert.equal(await row('GPS-01').locator('td').nth(7).textContent(), '13%');

  await page.getByTestId('product-search').fill('ＧＰＳ');
  await page.getByTestId('product-count').filter({ hasText: '2 products' }).waitFor();
  await page.getByTestId('product-search').fill('service');
  await page.getByTestId('product-count').filter({ hasText: '1 products' }).waitFor();
  await page.getByTestId('product-search').fill('');
  await page.getByTestId('product-category-filter').selectOption('Hardware');
  await page.getByTestId('product-count').filter({ hasText: '2 products' }).waitFor();
  await page.getByTestId('product-category-filter').selectOption('');
  await page.getByTestId('product-sort').selectOption('code');
  const codes = await table().locator('td.cell-code').allTextContents();
  assert.deepEqual(codes, ['GPS-01', 'GPS-02', 'SVC-01']);

  await page.getByTestId('product-search').fill('gps');
  await page.getByTestId('product-count').filter({ hasText: '2 products' }).waitFor();
  await page.getByTestId('select-all').check();
  await page.getByTestId('bulk-switch-off').click();
  await notice().filter({ hasText: 'Deactivated: 2.' }).waitFor();
  await page.getByTestId('product-search').fill('');
  await page.getByTestId('product-count').filter({ hasText: '3 products' }).waitFor();
  await page.getByTestId('select-all').check();
  await page.getByTestId('selected-count').filter({ hasText: '3 selected' }).waitFor();
  await screenshot(page, 'desktop-products-bulk');
  await page.getByTestId('bulk-switch-off').click();
  await notice().filter({ hasText: 'Deactivated: 1.' }).waitFor();

  await page.getByTestId('product-active-filter').selectOption('active');
  await page.getByText('No products match the search and filters.').waitFor();
  await page.getByTestId('product-active-filter').selectOption('inactive');
  await page.getByTestId('product-count').filter({ hasText: '3 products' }).waitFor();
  await row('GPS-02').getByTestId('select-row').check();
  await page.getByTestId('bulk-switch-on').click();
  await notice().filter({ hasText: 'Activated: 1.' }).waitFor();
  await page.getByTestId('product-count').filter({ hasText: '2 products' }).waitFor();
  await page.getByTestId('product-active-filter').selectOption('all');
  await row('GPS-02').getByTestId('product-active').filter({ hasText: /^Active$/ }).waitFor();
  await screenshot(page, 'desktop-products');
});

test('a product is edited, kept over a reload, sent to Trash and restored', async () => {
  await row('GPS-01').getByRole('link', { name: '车载定位器' }).click();
  await page.getByTestId('product-heading').waitFor();
  const url = page.url();
  assert.equal(await page.locator('#product-price').inputValue(), '1280.50');
  assert.equal(await page.getByTestId('product-active-box').isChecked(), false);
  await page.locator('#product-name').fill('车载定位器 Pro');
  await page.locator('#product-price').fill('1,299');
  await page.getByTestId('product-active-box').check();
  await page.getByTestId('save-product').click();
  await notice().filter({ hasText: 'Product saved.' }).waitFor();
  assert.equal(await page.getByTestId('duplicate-warning').count(), 0, 'no longer the same name');

  await page.reload();
  await page.getByTestId('product-heading').filter({ hasText: '车载定位器 Pro' }).waitFor();
  assert.equal(await page.locator('#product-price').inputValue(), '1299');
  assert.equal(await page.getByTestId('product-active-box').isChecked(), true);

  await page.getByTestId('trash-product').click();
  await page.waitForURL(/\/products$/);
  await page.getByTestId('product-count').filter({ hasText: '2 products' }).waitFor();
  await page.goto(url);
  await page.getByText('This product is in Trash.').waitFor();
  await page.getByTestId('restore-product').click();
  await notice().filter({ hasText: 'Restored.' }).waitFor();
  await page.goto(server.url + '/products');
  await page.getByTestId('product-count').filter({ hasText: '3 products' }).waitFor();
  await row('GPS-01').getByText('CN¥1,299.00').waitFor();
});

test('company profile with a logo, a currency and a quote prefix are kept over a reload', async () => {
  await page.goto(server.url + '/settings');
  await page.getByRole('heading', { name: 'Company profile' }).waitFor();
  await page.locator('#company-name').fill('星辰科技有限公司');
  await page.locator('#company-phone').fill('call us');
  await page.locator('#company-email').fill('sales@xingchen.cn');
  await page.locator('#company-tax-id').fill('91330100MA2KXXXX0X');
  await page.locator('#company-terms').fill('Payment within 30 days.');
  await page.getByTestId('save-company').click();
  await page.locator('#company-phone-error', { hasText: 'digits' }).waitFor();
  await page.locator('#company-phone').fill('+86 571-8888 1234');

  const logo = page.getByTestId('logo-input');
  await logo.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') });
  await page.locator('#company-logo-error', { hasText: 'not an image' }).waitFor();
  await logo.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(300_000) });
  await page.locator('#company-logo-error', { hasText: 'too large' }).waitFor();
  await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(48, [31, 95, 191]) });
  await page.getByTestId('logo-preview').waitFor();
  assert.equal(await page.locator('#company-logo-error').textContent(), '');
  assert.ok(await page.getByTestId('logo-preview').evaluate((img) => img.complete && img.naturalWidth === 48),
    'the preview shows the chosen image');
  await page.getByTestId('save-company').click();
  await notice().filter({ hasText: 'Company profile saved.' }).waitFor();

  const rates = page.getByTestId('rate-row');
  assert.equal(await rates.count(), 4, 'USD, EUR, HKD and JPY to start with');
  await page.getByTestId('add-currency').click();
  await rates.nth(4).getByTestId('rate-code').fill('gbp');
  await rates.nth(4).getByTestId('rate-value').fill('nine');
  await rates.nth(1).getByTestId('rate-code').fill('USD');
  await page.getByTestId('save-currencies').click();
  const problems = page.getByTestId('currency-problems');
  await problems.getByText('USD is listed more than once').waitFor();
  await problems.getByText('The rate of GBP must be a number above zero').waitFor();
  const invalid = (place, input) => rates.nth(place).getByTestId(input).getAttribute('aria-invalid');
  assert.equal(await invalid(0, 'rate-code'), null, 'the first USD is fine');
  assert.equal(await invalid(1, 'rate-code'), 'true', 'the second USD is the repeat');
  assert.equal(await invalid(4, 'rate-value'), 'true');
  assert.equal(await invalid(4, 'rate-code'), null);
  await screenshot(page, 'desktop-settings-currency-problems', { fullPage: false });
  await rates.nth(1).getByTestId('remove-currency').click();
  await rates.nth(3).getByTestId('rate-value').fill('9.05');
  await page.getByTestId('save-currencies').click();
  await notice().filter({ hasText: 'Currencies saved.' }).waitFor();
  assert.equal(await problems.textContent(), '');

  await page.locator('#quote-prefix').fill('Q-');
  await page.getByTestId('save-numbering').click();
  await page.locator('#quote-prefix-error', { hasText: 'letters or digits' }).waitFor();
  assert.equal(await page.getByTestId('next-quote-number').textContent(), '');
  await page.locator('#quote-prefix').fill('QT');
  const year = new Date().getFullYear();
  await page.getByTestId('next-quote-number').filter({ hasText: `Next: QT-${year}-0001` }).waitFor();
  assert.equal(await page.getByTestId('next-order-number').textContent(), `Next: SO-${year}-0001`);
  await page.getByTestId('save-numbering').click();
  await notice().filter({ hasText: 'Numbering saved.' }).waitFor();
  await screenshot(page, 'desktop-settings-business');

  await page.reload();
  await page.getByRole('heading', { name: 'Company profile' }).waitFor();
  assert.equal(await page.locator('#company-name').inputValue(), '星辰科技有限公司');
  assert.equal(await page.locator('#company-phone').inputValue(), '+86 571-8888 1234');
  assert.equal(await page.locator('#company-terms').inputValue(), 'Payment within 30 days.');
  assert.match(await page.getByTestId('logo-preview').getAttribute('src'), /^data:image\/png;base64,iVBORw0KGgo/);
  const codes = await page.getByTestId('rate-code').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(codes, ['USD', 'HKD', 'JPY', 'GBP']);
  assert.equal(await rates.nth(3).getByTestId('rate-value').inputValue(), '9.05');
  assert.equal(await page.locator('#quote-prefix').inputValue(), 'QT');

  await page.getByTestId('remove-logo').click();
  await page.getByTestId('save-company').click();
  await notice().filter({ hasText: 'Company profile saved.' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Company profile' }).waitFor();
  assert.equal(await page.getByTestId('logo-preview').count(), 0, 'the logo was removed');
});

test('product and settings screens fit a phone', async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(server.url + '/products');
  await phone.getByTestId('product-table').waitFor();
  await phone.getByTestId('product-table').getByTestId('select-row').first().check();
  await phone.getByTestId('bulk-bar').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the product list scrolls sideways');
  await screenshot(phone, 'phone-products');
  await phone.getByRole('link', { name: 'Annual service' }).click();
  await phone.getByTestId('product-heading').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'the product page scrolls sideways');
  await screenshot(phone, 'phone-product');
  await phone.goto(server.url + '/settings');
  await phone.getByTestId('rate-table').waitFor();
  assert.equal(await horizontalOverflow(phone), 0, 'Settings scrolls sideways');
  await screenshot(phone, 'phone-settings-business');
  await phone.close();
});
