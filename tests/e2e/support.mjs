// Shared pieces of the end-to-end tests: a static server for dist/ and a headless Chromium.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

export const DIST = new URL('../../dist/', import.meta.url).pathname;
export const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
};

/// Serves dist/ (or `root`) on a free loopback port; paths without a file extension get
/// index.html, as a single-page app's host would do, so that reloading /leads/ID works.
export async function serveDist(root = DIST) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = extname(path) ? join(root, path) : join(root, 'index.html');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/// Headless Chromium whose every context is watched: closing the browser fails if any page or
/// service worker asked for anything outside the loopback server (the app promises to talk to no
/// other origin) or if the Content-Security-Policy refused something the app does.
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
};

export async function launch() {
  const browser = await chromium.launch(CHROMIUM);
  const problems = [];
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    watch(context, problems);
    return context;
  };
  const close = browser.close.bind(browser);
  browser.close = async () => {
    await close();
    if (problems.length) throw new Error(`the app stepped outside its bounds:\n${problems.join('\n')}`);
  };
  return browser;
}

export function watch(context, problems) {
  context.on('request', (request) => {
    const url = new URL(request.url());
    const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
    if (!local) problems.push(`request to another origin: ${request.url()}`);
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) problems.push(`refused by the policy: ${message.text()}`);
  });
}

/// Saves the whole page, or with `{ fullPage: false }` what is on screen (a page of 50,000 rows
/// is too tall for one picture).
export async function screenshot(page, name, { fullPage = true } = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/// Fails when the page scrolls sideways.
export async function horizontalOverflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/// The built app on its own server, in a fresh browser (so fresh IndexedDB), English, desktop
/// size, opened at the leads list. Any page error fails the test.
export async function openApp() {
  const server = await serveDist();
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  const app = { server, browser, context, newPage };
  async function newPage() {
    const page = await context.newPage();
    page.on('pageerror', (error) => { throw new Error(`page error: ${error.message}`); });
    await page.goto(server.url + '/leads');
    await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    return page;
  }
  app.close = async () => { await browser.close(); server.close(); };
  return app;
}
