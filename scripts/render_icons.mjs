// Draws the app's PNG icons from the SVGs in public/icons/ with the headless Chromium we already
// have. Run by hand when an SVG changes (`node scripts/render_icons.mjs`) and commit the PNGs:
// the build itself draws nothing and downloads nothing.
import { readFile } from 'node:fs/promises';
import { launch } from '../tests/e2e/support.mjs';

const ICONS = new URL('../public/icons/', import.meta.url).pathname;
const browser = await launch();
try {
  for (const [source, name] of [['icon.svg', 'icon'], ['maskable.svg', 'maskable']]) {
    const svg = await readFile(ICONS + source, 'utf8');
    for (const size of [192, 512]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setContent(`<!doctype html><body style="margin:0">${sized}</body>`);
      await page.screenshot({ path: `${ICONS}${name}-${size}.png`, omitBackground: true });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
