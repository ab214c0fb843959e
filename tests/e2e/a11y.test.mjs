// Accessibility and phones, over the demo company: axe-core finds no violation on any screen in
// English or Chinese at desktop and phone width; at 360 and 390 px no screen scrolls sideways and
// every control is big enough for a finger; the pipeline works with the keyboard alone.
// Screenshots of every screen at 1280x800 and 390x844 (a11y-*.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveDist, launch, screenshot, horizontalOverflow } from './support.mjs';

const AXE = await readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const TAP = 44;

const server = await serveDist();
const browser = await launch();
let context;
let page;
/// [name, path] of every screen, found in the demo company's data.
let screens;

before(async () => {
  context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US' });
  // The app's Content-Security-Policy refuses an inline script tag; an init script is the
  // browser's own and passes.
  await context.addInitScript({ content: AXE });
  page = await context.newPage();
  page.on('pageerror', (error) => { throw new Error(`page error: ${error.message}`); });
  await page.goto(server.url + '/?demo=s');
  await page.getByTestId('notice').filter({ hasText: 'Demo data loaded' }).waitFor({ timeout: 90_000 });
  screens = await findScreens();
});

after(async () => { await browser.close(); server.close(); });

/// The routes of src/ui/app.rs, with a real record for each `:id` and every report tab.
async function findScreens() {
  const first = async (path, selector) => {
    await open(path);
    const href = await page.locator(selector).first().getAttribute('href');
    assert.ok(href, `${path} lists a record`);
    return href;
  };
  // A qualified lead, for its Convert screen: filtered for, since which leads the list draws
  // first depends on the day the demo data is made.
  await open('/leads');
  await page.getByTestId('filter-status').selectOption('qualified');
  const lead = await page.locator('tr:has(.badge-qualified) a[href^="/leads/"]').first().getAttribute('href');
  assert.ok(lead, 'the demo company has a qualified lead');
  await page.getByTestId('filter-status').selectOption('');
  const customer = await first('/customers', 'a[href^="/customers/"]:not([href$="/new"])');
  const opportunity = await first('/opportunities', 'a[href^="/opportunities/"]');
  const quote = await first('/quotes', 'a[href^="/quotes/"]:not([href$="/new"])');
  const order = await first('/orders', 'a[href^="/orders/"]:not([href$="/new"])');
  const product = await first('/products', 'a[href^="/products/"]:not([href$="/new"])');
  await open('/reports');
  const reports = await page.locator('[data-testid^="report-tab-"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(reports.length > 0, 'reports are offered');
  return [
    ['today', '/'],
    ['leads', '/leads'], ['lead-new', '/leads/new'], ['lead', lead], ['lead-convert', `${lead}/convert`],
    ['customers', '/customers'], ['customer-new', '/customers/new'], ['customer', customer],
    ['contacts', '/contacts'],
    ['pipeline', '/pipeline'], ['opportunities', '/opportunities'], ['opportunity', opportunity],
    ['activities', '/activities'],
    ['quotes', '/quotes'], ['quote-new', '/quotes/new'], ['quote', quote],
    ['orders', '/orders'], ['order-new', '/orders/new'], ['order', order],
    ['receivables', '/receivables'],
    ['products', '/products'], ['product-new', '/products/new'], ['product', product],
    ...reports.map((href) => [`report-${href.split('/').pop()}`, href]),
    ['import-leads', '/import/leads'], ['import-customers', '/import/customers'],
    ['import-contacts', '/import/contacts'], ['import-products', '/import/products'],
    ['more', '/more'], ['trash', '/trash'], ['settings', '/settings'],
    ['not-found', '/no-such-screen'],
  ];
}

/// Goes to a screen as the app's own links do (reloading the app for every screen takes too
/// long over the demo data) and waits until its heading is drawn.
async function open(path) {
  if (!page.url().startsWith(server.url)) await page.goto(server.url + '/leads');
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForFunction((to) => location.pathname === to, path);
  await page.waitForTimeout(150);
  await page.locator('main h1').first().waitFor();
}

/// axe-core's violations on the current screen, one line each.
async function axeViolations() {
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`
    + (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : ''));
}

/// Visible controls smaller than a fingertip: under 44 px tall, or for a control without text
/// (an icon) under 44 px wide. A checkbox or radio button counts with its label. A chart's bars
/// are left out: the table beside every chart picks the same rows with full-size buttons.
async function smallTargets() {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], summary, [tabindex="0"]';
    const clipped = (element) => {
      for (let e = element; e; e = e.parentElement) {
        if (getComputedStyle(e).clip === 'rect(0px, 0px, 0px, 0px)') return true;
      }
      return false;
    };
    const small = [];
    for (const control of document.querySelectorAll(selector)) {
      if (control.closest('svg') || clipped(control)) continue;
      const target = control.matches('input[type="checkbox"], input[type="radio"]')
        ? control.closest('label') ?? control : control;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(control);
      const offScreen = box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth;
      if (box.width < 2 || box.height < 2 || offScreen || style.visibility === 'hidden') continue;
      const text = (control.textContent ?? '').trim() || control.value || control.placeholder || '';
      const iconOnly = control.matches('button, a') && text.length <= 1;
      if (box.height < min - 0.5 || (iconOnly && box.width < min - 0.5)) {
        const name = control.getAttribute('aria-label') ?? text.slice(0, 30);
        small.push(`<${control.tagName.toLowerCase()}${typeof control.className === 'string' && control.className ? '.' + control.className.split(' ').join('.') : ''}> "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return small;
  }, TAP);
}

/// Walks every screen, running `check` on each; fails once at the end listing every problem.
async function everyScreen(label, check) {
  const problems = [];
  for (const [name, path] of screens) {
    await open(path);
    for (const problem of await check(name)) problems.push(`${name} (${path}): ${problem}`);
  }
  assert.deepEqual(problems, [], `${label}:\n${problems.join('\n')}`);
}

async function setLanguage(tag) {
  await open('/settings');
  await page.getByTestId('language').selectOption(tag);
  await page.locator('html').and(page.locator(`[lang="${tag}"]`)).waitFor();
}

test('no axe violation on any screen, English, desktop', async () => {
  await setLanguage('en');
  await page.setViewportSize(DESKTOP);
  await everyScreen('axe, English, desktop', async (name) => {
    await screenshot(page, `a11y-${name}-desktop`, { fullPage: false });
    return axeViolations();
  });
});

test('no axe violation, no sideways scrolling and big enough controls on any screen, English, 390 px phone', async () => {
  await setLanguage('en');
  await page.setViewportSize(PHONE);
  await everyScreen('English, 390 px', async (name) => {
    await screenshot(page, `a11y-${name}-phone`, { fullPage: false });
    const overflow = await horizontalOverflow(page);
    return [
      ...(overflow > 0 ? [`scrolls sideways by ${overflow} px`] : []),
      ...(await smallTargets()).map((small) => `small target ${small}`),
      ...await axeViolations(),
    ];
  });
});

test('no sideways scrolling and big enough controls on any screen, English, 360 px phone', async () => {
  await setLanguage('en');
  await page.setViewportSize(SMALL_PHONE);
  await everyScreen('English, 360 px', async () => {
    const overflow = await horizontalOverflow(page);
    return [
      ...(overflow > 0 ? [`scrolls sideways by ${overflow} px`] : []),
      ...(await smallTargets()).map((small) => `small target ${small}`),
    ];
  });
});

test('no axe violation on any screen, Chinese, desktop', async () => {
  await setLanguage('zh-CN');
  await page.setViewportSize(DESKTOP);
  await everyScreen('axe, Chinese, desktop', async () => axeViolations());
});

test('no axe violation, no sideways scrolling and big enough controls on any screen, Chinese, 360 and 390 px phone', async () => {
  await setLanguage('zh-CN');
  await page.setViewportSize(PHONE);
  await everyScreen('Chinese, 390 px', async (name) => {
    await screenshot(page, `a11y-${name}-phone-zh`, { fullPage: false });
    const overflow = await horizontalOverflow(page);
    return [
      ...(overflow > 0 ? [`scrolls sideways by ${overflow} px`] : []),
      ...(await smallTargets()).map((small) => `small target ${small}`),
      ...await axeViolations(),
    ];
  });
  await page.setViewportSize(SMALL_PHONE);
  await everyScreen('Chinese, 360 px', async () => {
    const overflow = await horizontalOverflow(page);
    return overflow > 0 ? [`scrolls sideways by ${overflow} px`] : [];
  });
});

test('a pipeline card moves to another stage with the keyboard alone, and keeps the focus', async () => {
  await setLanguage('en');
  await page.setViewportSize(DESKTOP);
  await open('/pipeline');
  const columns = page.locator('section[data-testid^="column-"]');
  const firstColumn = columns.nth(0);
  const secondColumn = columns.nth(1);
  const before = await firstColumn.getByTestId('opportunity-card').count();
  assert.ok(before > 0, 'the first stage has cards');

  // Tab from the top of the page to the first card's stage control.
  await page.locator('body').focus();
  let control = null;
  for (let i = 0; i < 60 && !control; i += 1) {
    await page.keyboard.press('Tab');
    control = await page.evaluate(() => (document.activeElement?.matches('[data-testid="opportunity-card"] select')
      ? document.activeElement.id : null));
  }
  assert.ok(control, 'Tab reaches a card\'s stage control');
  assert.equal(await firstColumn.locator(`#${control}`).count(), 1, 'the first card reached is in the first stage');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control shows its focus');

  await page.keyboard.press('ArrowDown');
  await page.getByTestId('notice').filter({ hasText: 'Stage changed' }).waitFor();
  await secondColumn.locator(`#${control}`).waitFor();
  assert.equal(await firstColumn.getByTestId('opportunity-card').count(), before - 1);
  await page.waitForFunction((id) => document.activeElement?.id === id, control);
  await screenshot(page, 'a11y-pipeline-keyboard-desktop', { fullPage: false });

  await page.reload();
  await secondColumn.locator(`#${control}`).waitFor();
  assert.equal(await firstColumn.locator(`#${control}`).count(), 0, 'the move was saved');
});
