// CSV in and out: a GBK customers file with Chinese headers (made by Python's gbk codec, kept as
// a fixture), a UTF-8 leads file with a BOM, quoted commas, quotes and line breaks in CRLF; a
// duplicate merged and one skipped, a bad row shown and left out; broken files refused with
// their place and nothing written; a filtered list exported and the downloaded bytes checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, screenshot, horizontalOverflow } from './support.mjs';

const FIXTURES = new URL('../fixtures/csv/', import.meta.url).pathname;

let app;
let server;
let page;

before(async () => {
  app = await openApp();
  ({ server } = app);
  page = await app.newPage();
});

after(async () => app?.close());

const notice = () => page.getByTestId('notice');
const field = (label) => page.getByLabel(label, { exact: true });
const previewRow = (row) => page.locator(`[data-testid="preview-row"][data-row="${row}"]`);

/// How many records each object store holds, read straight from IndexedDB.
async function storeCounts() {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('leadline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const counts = {};
      for (const name of names) {
        const request = tx.objectStore(name).count();
        request.onsuccess = () => { counts[name] = request.result; };
      }
      tx.oncomplete = () => { db.close(); resolve(counts); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

/// Every record of one store, straight from IndexedDB.
async function storeRecords(store) {
  return page.evaluate((store) => new Promise((resolve, reject) => {
    const open = indexedDB.open('leadline');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction([store], 'readonly').objectStore(store).getAll();
      request.onsuccess = () => { db.close(); resolve(request.result); };
      request.onerror = () => reject(request.error);
    };
  }), store);
}

async function chooseFile(name, buffer) {
  await page.getByTestId('csv-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

async function newCustomer(name, phone) {
  await page.goto(server.url + '/customers/new');
  await field('Customer name').fill(name);
  await field('Phone').fill(phone);
  await page.getByTestId('save-customer').click();
  await notice().filter({ hasText: 'Customer saved.' }).waitFor();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
}

test('a GBK customers file with Chinese headers: preview, merge, skip, a bad row left out', async () => {
  await newCustomer('星辰科技', '010-6552 1234');
  await newCustomer('远山物流', '028-8888 6666');
  await page.getByRole('link', { name: 'Customers', exact: true }).click();
  await page.getByRole('link', { name: 'Import CSV' }).click();
  await page.getByRole('heading', { name: 'Import customers from CSV', level: 1 }).waitFor();
  const before = await storeCounts();

  await chooseFile('客户.csv', await readFile(FIXTURES + 'customers-gbk.csv'));
  await page.getByTestId('import-file-info').filter({ hasText: '客户.csv · GBK (Chinese Excel) · 5 rows' }).waitFor();
  for (const [column, field] of [[0, 'Name'], [1, 'Industry'], [2, 'City'], [3, 'Phone'], [4, 'Address'], [5, 'Notes']]) {
    const select = page.getByTestId(`map-${column}`);
    assert.equal(await select.locator('option:checked').textContent(), field, `column ${column} maps to ${field}`);
  }
  const counts = page.getByTestId('import-counts');
  await counts.filter({ hasText: 'To add: 2 · To merge: 0 · To skip: 2 · With errors: 1' }).waitFor();
  await previewRow(2).getByTestId('row-notes').filter({ hasText: 'Looks like 星辰科技 (same name)' }).waitFor();
  await previewRow(3).getByTestId('row-notes').filter({ hasText: 'Looks like 远山物流 (same name, same phone)' }).waitFor();
  assert.equal(await previewRow(5).getByTestId('row-notes').textContent(),
    'column 4 (电话): Use digits and + - ( ) only, at least 5 digits.');
  await page.getByTestId('errors-not-imported').waitFor();
  assert.deepEqual(await storeCounts(), before, 'nothing is written before Confirm');

  await screenshot(page, 'desktop-csv-import');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('confirm-import').scrollIntoViewIfNeeded();
  assert.equal(await horizontalOverflow(page), 0, 'no sideways scrolling at phone width');
  await screenshot(page, 'phone-csv-import');
  await page.setViewportSize({ width: 1280, height: 800 });

  await previewRow(2).getByTestId('row-choice').selectOption('merge');
  await counts.filter({ hasText: 'To add: 2 · To merge: 1 · To skip: 1 · With errors: 1' }).waitFor();
  await page.getByTestId('confirm-import').filter({ hasText: 'Import 3 rows' }).click();
  await page.getByTestId('import-result')
    .filter({ hasText: 'Added 2, merged 1, skipped 1. Rows with errors, not imported: 1.' }).waitFor();
  const afterImport = await storeCounts();
  assert.equal(afterImport.customers, before.customers + 2);

  await page.reload();
  await page.goto(server.url + '/customers');
  await page.getByTestId('customer-count').filter({ hasText: '4 customers' }).waitFor();
  const table = page.getByTestId('customer-table');
  const merged = table.locator('tr', { hasText: '星辰科技' });
  assert.equal(await merged.locator('td').nth(2).textContent(), '软件', 'the empty industry was filled');
  assert.equal(await merged.locator('td').nth(3).textContent(), '北京');
  await table.getByRole('link', { name: '<b>加粗</b>公司' }).waitFor();
  assert.equal(await table.locator('b').count(), 0, 'HTML in a name stays text');
  assert.equal(await table.locator('tr', { hasText: '坏电话公司' }).count(), 0, 'the bad row was not imported');
  const customers = await storeRecords('customers');
  const xingchen = customers.find((c) => c.name === '星辰科技');
  assert.equal(xingchen.address, '北京市海淀区中关村大街1号, 3层');
  assert.equal(xingchen.phone, '010-6552 1234', 'merging keeps what was there');
  assert.equal(xingchen.rev, 2);
  assert.equal(customers.find((c) => c.name === '新月贸易').notes, '来自展会\r\n需要报价');
  assert.equal(customers.find((c) => c.name === '远山物流').city, '', 'the skipped row changed nothing');
});

test('a UTF-8 leads file with a BOM, quoted commas, quotes and line breaks in CRLF', async () => {
  await page.goto(server.url + '/leads');
  await page.getByRole('link', { name: 'Import CSV' }).click();
  const text = '\ufeffName,Company,Mobile,E-mail,Lead source,Notes\r\n'
    + 'Wang Fang,"Xingchen Tech, Beijing",+86 138-0013-8000,wang@xc.cn,Website,"Met at the fair,\r\nwants a demo"\r\n'
    + 'Li Wei,Acme,,li@acme,Referral,\r\n'
    + '"Zhao ""Min""",Moon Trading,,,trade fair,\r\n';
  await chooseFile('leads.csv', Buffer.from(text, 'utf8'));
  await page.getByTestId('import-file-info').filter({ hasText: 'UTF-8 with BOM · 3 rows' }).waitFor();
  await page.getByTestId('import-counts').filter({ hasText: 'To add: 2 · To merge: 0 · To skip: 0 · With errors: 1' }).waitFor();
  await previewRow(3).getByTestId('row-notes').filter({ hasText: 'column 4 (E-mail): This does not look like an email address' }).waitFor();
  await page.getByTestId('confirm-import').filter({ hasText: 'Import 2 rows' }).click();
  await page.getByTestId('import-result').waitFor();

  await page.reload();
  await page.getByRole('heading', { name: 'Import leads from CSV', level: 1 }).waitFor();
  await page.goto(server.url + '/leads');
  await page.getByTestId('lead-count').filter({ hasText: '2 leads' }).waitFor();
  const leads = await storeRecords('leads');
  const wang = leads.find((l) => l.name === 'Wang Fang');
  assert.equal(wang.company, 'Xingchen Tech, Beijing');
  assert.equal(wang.notes, 'Met at the fair,\r\nwants a demo');
  assert.equal(wang.source, 'website');
  assert.equal(leads.find((l) => l.name === 'Zhao "Min"').source, 'trade_fair', 'a source label becomes its key');
});

test('broken files are refused with what is wrong and where, and change nothing', async () => {
  await page.goto(server.url + '/import/customers');
  const before = await storeCounts();
  const problem = page.getByTestId('import-problem');
  const cases = [
    ['Name,Notes\r\nA,ok\r\nB,"never closed\r\nC,d\r\n',
      'Row 3, column 2 (Notes): a field starts with a quote (") that is never closed'],
    ['', 'This file is empty. Nothing was imported.'],
    ['\ufeff客户名称,电话\r\n', 'This file has a header row but no data rows.'],
    [Buffer.concat([Buffer.from('name\r\n'), Buffer.from([0xff, 0xfe, 0xff, 0x0a])]), 'neither UTF-8 nor GBK'],
    [Buffer.from('PK\x03\x04 a zipped workbook'), 'This is an Excel workbook, not a CSV file.'],
    ['Name;Phone\r\nA;1\r\n', 'separated by semicolons or tabs'],
  ];
  for (const [content, message] of cases) {
    await chooseFile('bad.csv', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
    await problem.filter({ hasText: message }).waitFor();
    assert.equal(await page.getByTestId('confirm-import').count(), 0, 'no preview to confirm');
  }
  await chooseFile('wrong.csv', Buffer.from('Colour,Size\r\nred,XL\r\n', 'utf8'));
  await page.getByTestId('nothing-recognised').waitFor();
  await page.getByTestId('missing-required').filter({ hasText: 'No column is mapped to Name' }).waitFor();
  assert.ok(await page.getByTestId('confirm-import').isDisabled());
  assert.deepEqual(await storeCounts(), before);
});

test('a filtered list exports exactly its rows as UTF-8 with a BOM', async () => {
  await page.goto(server.url + '/leads');
  await page.getByTestId('lead-search').fill('xingchen');
  await page.getByTestId('lead-count').filter({ hasText: '1 lead' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  assert.match(download.suggestedFilename(), /^leads-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await download.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first');
  const lines = bytes.subarray(3).toString('utf8').split('\r\n');
  assert.equal(lines[0], 'Name,Company,Status,Source,Owner,Next follow-up,Updated');
  assert.match(lines[1], /^Wang Fang,"Xingchen Tech, Beijing",New,Website,[^,]*,,\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.deepEqual(lines.slice(2), [''], 'only the filtered row');

  await page.goto(server.url + '/customers');
  await page.getByTestId('customer-search').fill('贸易');
  await page.getByTestId('customer-count').filter({ hasText: '1 customers' }).waitFor();
  const [customers] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  const text = (await readFile(await customers.path())).toString('utf8');
  assert.equal(text.split('\r\n')[1].split(',').slice(0, 3).join(','), '新月贸易,贸易,上海');
});
