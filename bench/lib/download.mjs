// What a first visit downloads: every file the browser fetches from the app's origin for the
// first page, plus the web app manifest (which a browser fetches when it offers installing),
// raw, gzip (level 9) and brotli (quality 11), as a host serving precompressed files would send.
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { openFresh } from './browser.mjs';

export async function measureDownload(url) {
  const { browser, page } = await openFresh();
  const files = new Map();
  page.on('response', async (response) => {
    if (!response.url().startsWith(url) || response.status() !== 200) return;
    files.set(new URL(response.url()).pathname, response.body().catch(() => null));
  });
  await page.goto(url + '/');
  await page.locator('h1').first().waitFor({ timeout: 120_000 });
  const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.getAttribute('href'));
  if (manifest && !files.has(new URL(manifest, url + '/').pathname)) {
    const path = new URL(manifest, url + '/').pathname;
    files.set(path, fetch(url + path).then(async (r) => Buffer.from(await r.arrayBuffer())));
  }
  const rows = [];
  for (const [path, pending] of files) {
    const body = await pending;
    if (!body) continue;
    rows.push({
      path,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  await browser.close();
  const total = (key) => rows.reduce((sum, r) => sum + r[key], 0);
  return { files: rows, raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') };
}
