// The installable app: Chromium's own installability check, the app working offline from its
// service worker (deep links included), a new deploy offered as an update the user accepts, the
// Install button, and the Content-Security-Policy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, DIST, SCREENSHOTS, launch, openApp, screenshot, serveDist, watch } from './support.mjs';

const HOOK = new URL('../../scripts/pwa_hook.py', import.meta.url).pathname;
const closing = [];
after(async () => { for (const close of closing) await close(); });

async function app() {
  const opened = await openApp();
  closing.push(opened.close);
  return opened;
}

/// Waits until the service worker has cached the shell and controls the page.
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
}

const field = (page, label) => page.getByLabel(label, { exact: true });

async function newLead(page, name) {
  await page.getByRole('link', { name: 'Leads', exact: true }).first().click();
  await page.getByRole('link', { name: 'New lead' }).first().click();
  await field(page, 'Name').fill(name);
  await page.getByTestId('save-lead').click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
}

async function leadListed(page, name) {
  await page.getByRole('link', { name: 'Leads', exact: true }).first().click();
  await page.getByTestId('lead-table').getByText(name).waitFor();
}

test('Chromium finds the app installable and its manifest sound', async () => {
  // Chromium never installs from an incognito profile, which is what a new context is: this test
  // has a profile of its own.
  const profile = await mkdtemp(join(tmpdir(), 'leadline-profile-'));
  const server = await serveDist();
  const context = await chromium.launchPersistentContext(profile, {
    ...CHROMIUM, args: [...CHROMIUM.args, '--bypass-app-banner-engagement-checks'],
    viewport: { width: 1280, height: 800 }, locale: 'en-US',
  });
  const problems = [];
  watch(context, problems);
  closing.push(async () => {
    await context.close();
    server.close();
    await rm(profile, { recursive: true, force: true });
    assert.deepEqual(problems, []);
  });
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(server.url + '/leads');
  await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.match(manifest.url, /\/manifest\.webmanifest$/);
  assert.deepEqual(manifest.errors, []);
  const parsed = JSON.parse(manifest.data);
  assert.equal(parsed.display, 'standalone');
  assert.deepEqual(parsed.icons.map((icon) => `${icon.sizes} ${icon.purpose}`),
    ['192x192 any', '512x512 any', '192x192 maskable', '512x512 maskable']);

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(policy, /'unsafe-eval'|'unsafe-inline'/);

  // Chromium's own offer (beforeinstallprompt) brings the Install button into the header.
  await page.getByTestId('install').waitFor();
  await screenshot(page, 'desktop-install-button', { fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('install').waitFor();
  await screenshot(page, 'phone-install-button', { fullPage: false });
});

test('offline: a deep link opens from the cache, a lead made offline survives a reload', async () => {
  const { context, newPage, server } = await app();
  const page = await newPage();
  await controlled(page);
  await page.goto(server.url + '/customers/new');
  await field(page, 'Customer name').fill('离线贸易有限公司');
  await page.getByTestId('save-customer').click();
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
  const customerUrl = page.url();

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.goto(customerUrl);
  await page.getByRole('heading', { name: '离线贸易有限公司' }).waitFor();

  await newLead(page, 'Offline Olga');
  await page.reload();
  await leadListed(page, 'Offline Olga');
  await page.goto(server.url + '/leads/new');
  await page.getByRole('heading', { name: 'New lead' }).waitFor();
  await context.setOffline(false);
});

test('a new deploy is offered, runs once accepted, and the data stays', async () => {
  const root = await mkdtemp(join(tmpdir(), 'leadline-deploy-'));
  closing.push(() => rm(root, { recursive: true, force: true }));
  await cp(DIST, root, { recursive: true });
  const server = await serveDist(root);
  closing.push(() => server.close());
  const browser = await launch();
  closing.push(() => browser.close());

  for (const [width, height, name] of [[1280, 800, 'desktop'], [390, 844, 'phone']]) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (error) => { throw new Error(`page error: ${error.message}`); });
    await page.goto(server.url + '/leads');
    await controlled(page);
    await newLead(page, `Kept ${name}`);
    const before = await page.evaluate(() => caches.keys());

    // A new deploy: one byte of the shell differs, and the build's hook seals it again.
    const index = join(root, 'index.html');
    const html = await readFile(index, 'utf8');
    await writeFile(index, html.replace('<title>', `<meta name="leadline-deploy" content="${name}">\n    <title>`));
    execFileSync('python3', [HOOK, root]);

    await page.reload();
    const banner = page.getByTestId('update-banner');
    await banner.waitFor({ timeout: 60_000 });
    assert.match(await banner.textContent(), /A new version of Leadline is ready/);
    assert.equal(await page.locator('meta[name="leadline-deploy"]').count(), 0, 'the old version runs until the user chooses');
    await screenshot(page, `${name}-update-ready`, { fullPage: false });

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    await page.locator(`meta[name="leadline-deploy"][content="${name}"]`).waitFor({ state: 'attached' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await controlled(page);
    const afterUpdate = await page.evaluate(() => caches.keys());
    assert.equal(afterUpdate.length, 1, 'old caches are removed');
    assert.notDeepEqual(afterUpdate, before);
    await leadListed(page, `Kept ${name}`);
    assert.equal(await page.getByTestId('update-banner').count(), 0);
    await context.close();
    await writeFile(index, html);
    execFileSync('python3', [HOOK, root]);
  }
});

test('the Install button opens the browser\'s dialog and goes once installed', async () => {
  const { newPage } = await app();
  const page = await newPage();
  const install = page.getByTestId('install');
  assert.equal(await install.count(), 0, 'no button before the browser offers installation (never in incognito)');
  {
    // Headless Chromium cannot show its install dialog, so here the offer is the browser's event
    // with a stand-in prompt that records being called.
    await page.evaluate(() => {
      const offer = new Event('beforeinstallprompt', { cancelable: true });
      offer.prompt = async () => { window.promptShown = true; return { outcome: 'accepted' }; };
      window.dispatchEvent(offer);
    });
    await install.waitFor();
    assert.equal(await install.getAttribute('title'),
      'Install Leadline on this device: it opens in its own window and works offline.');
    await install.click();
    assert.equal(await page.evaluate(() => window.promptShown), true);
    await install.waitFor({ state: 'detached' });
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    assert.equal(await install.count(), 0);
  }
});

test('the browser is asked to keep the data once there is some; Settings › Storage explains', async () => {
  const { context, newPage } = await app();
  await context.addInitScript(() => {
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function () {
      window.persistAsked = (window.persistAsked ?? 0) + 1;
      return persist.call(this);
    };
  });
  const page = await newPage();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.persistAsked), undefined, 'nothing to keep yet');
  await newLead(page, 'Worth keeping');
  await page.waitForFunction(() => window.persistAsked === 1);
  await newLead(page, 'Also worth keeping');
  assert.equal(await page.evaluate(() => window.persistAsked), 1, 'asked once');

  await page.getByRole('link', { name: 'Settings' }).first().click();
  const panel = page.getByTestId('storage-settings');
  await panel.getByTestId('storage-usage').waitFor();
  assert.match(await panel.getByTestId('storage-usage').textContent(), / used; the browser allows this app up to /);
  const persistence = panel.getByTestId('storage-persistence');
  if ((await persistence.textContent()).startsWith('Not persistent')) {
    await panel.getByTestId('storage-ask').click();
    await panel.getByTestId('storage-refused').or(persistence.filter({ hasText: /^Persistent/ })).waitFor();
  }
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${SCREENSHOTS}desktop-storage-settings.png` });
});
