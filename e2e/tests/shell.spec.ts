import { expect, test, type Browser, type Page } from '@playwright/test';
import { AINO } from '../pages/sign-in-page';

// Before the app has loaded, the page paints the screen's own heading and lead (on a phone the
// lead is the largest text, the paint Lighthouse's LCP waits for) in the language the app will
// speak and exactly where the app puts them, and the app takes its place only once it has been
// painted. Every screen the shell knows is compared with the app's own: text and place, with
// the app's download refused for the shell's half.

test.use({ locale: 'fi-FI' });

type Shell = Record<string, Record<string, [frame: string, heading: string, lead: string, cardHeading?: string, cardText?: string]>>;
type Box = { x: number; y: number; width: number; height: number };

/** The table scripts/post-build wrote into the page, as the browser receives it. */
async function shellTable(page: Page): Promise<Shell> {
  const html = await (await page.request.get('/signin')).text();
  const found = html.match(/const pages = (\{[\s\S]*?\}); \/\/ filled in by scripts\/post-build/);
  expect(found, 'the page carries the shell table').not.toBeNull();
  return JSON.parse(found![1]);
}

async function textAndBox(page: Page, scope: string, card: boolean) {
  const heading = page.locator(`${scope} h1`).first();
  const lead = page.locator(`${scope} p.lead`).first();
  const cardText = page.locator(`${scope} section.card > p`).first();
  await expect(heading).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  return {
    heading: (await heading.textContent())?.trim(),
    lead: (await lead.textContent())?.trim(),
    headingBox: (await heading.boundingBox()) as Box,
    leadBox: (await lead.boundingBox()) as Box,
    cardHeading: card ? (await page.locator(`${scope} section.card h2`).first().textContent())?.trim() : undefined,
    cardText: card ? (await cardText.textContent())?.trim() : undefined,
    cardBox: card ? ((await cardText.boundingBox()) as Box) : undefined,
  };
}

function expectSamePlace(shell: Box, app: Box, what: string) {
  for (const side of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(shell[side] - app[side]), `${what}: ${side} ${shell[side]} vs ${app[side]}`).toBeLessThan(1);
  }
}

const SIGNED_OUT = ['/signin', '/account/forgot'];

/** One screen: the shell with the app's download refused, then the app, compared. */
async function compareOne(page: Page, blockWasm: (block: boolean) => Promise<unknown>, path: string, row: Shell[string][string]) {
  const [frame, heading, lead, cardHeading, cardText] = row;
  const card = cardText !== undefined;
  await blockWasm(true);
  await page.goto(path);
  const shell = await textAndBox(page, '#shell', card);
  expect(shell.heading, `${path} shell heading`).toBe(heading);
  expect(shell.lead, `${path} shell lead`).toBe(lead);
  expect(await page.locator('#shell-page').getAttribute('class')).toBe(frame);
  await blockWasm(false);

  await page.goto(path);
  const app = await textAndBox(page, 'main', card);
  await expect(page.locator('#shell')).toHaveCount(0);
  // The app took the shell's place only after its lead had been painted.
  const painted = await page.evaluate(
    () =>
      new Promise<string[]>((done) => {
        setTimeout(() => done([]), 1000);
        new PerformanceObserver((list) => done(list.getEntries().map((e) => (e as unknown as { identifier: string }).identifier))).observe({
          type: 'element',
          buffered: true,
        });
      }),
  );
  expect(painted, `${path}: the shell's lead was on the screen`).toContain('shell-lead');
  expect(app.heading, `${path}: the app's heading is the shell's`).toBe(heading);
  expect(app.lead, `${path}: the app's lead is the shell's`).toBe(lead);
  expectSamePlace(shell.headingBox, app.headingBox, `${path} heading`);
  expectSamePlace(shell.leadBox, app.leadBox, `${path} lead`);
  if (card) {
    expect([shell.cardHeading, shell.cardText], `${path} shell card`).toEqual([cardHeading, cardText]);
    expect([app.cardHeading, app.cardText], `${path}: the app's first card is the shell's`).toEqual([cardHeading, cardText]);
    expectSamePlace(shell.cardBox!, app.cardBox!, `${path} card text`);
  }
}

async function compareAll(browser: Browser, locale: string, lang: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const table = await shellTable(page);
  const paths = Object.keys(table[lang]);
  expect(paths).toEqual(expect.arrayContaining(['/signin', '/profile', '/profile/edit', '/profile/marketing', '/requests']));
  // The fonts in the browser's cache first, as on any visit after the first: otherwise whichever
  // half comes first may miss them (`font-display: optional`) and be laid out in the system font.
  // The app is kept out by the browser itself: Playwright's routing would turn the cache off.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const blockWasm = (block: boolean) => cdp.send('Network.setBlockedURLs', { urls: block ? ['*.wasm'] : [] });
  await page.goto('/signin');
  await page.evaluate(() => Promise.all(['400 1em "Source Sans 3"', '600 1em "Source Sans 3"'].map((f) => document.fonts.load(f))));
  // Signed-out screens first, then the customer's own with a session.
  for (const path of paths.filter((p) => SIGNED_OUT.includes(p))) await compareOne(page, blockWasm, path, table[lang][path]);
  const answer = await page.request.post('/api/session', { headers: { 'sec-fetch-site': 'same-origin' }, data: AINO });
  expect(answer.status()).toBe(200);
  for (const path of paths.filter((p) => !SIGNED_OUT.includes(p))) await compareOne(page, blockWasm, path, table[lang][path]);
  await context.close();
}

test('the shell paints each screen’s heading and lead where the app puts them, on a phone and a desktop', async ({ browser }) => {
  test.setTimeout(120_000);
  await compareAll(browser, 'fi-FI', 'fi', { width: 360, height: 740 });
  await compareAll(browser, 'fi-FI', 'fi', { width: 1280, height: 800 });
});

test('the shell speaks the language the app starts in', async ({ browser }) => {
  test.setTimeout(120_000);
  await compareAll(browser, 'sv-SE', 'sv', { width: 360, height: 740 });
  await compareAll(browser, 'en-GB', 'en', { width: 360, height: 740 });
});

test('when the font comes after the shell’s paint, the app keeps the shell’s font: no words re-flow as it starts', async ({ page }) => {
  // A first visit on a slow line: the shell is painted in the system font (the text font is
  // `font-display: optional`), the font arrives, then the app. Slowed here on purpose.
  const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
  await page.route('**/fonts/*.woff2', async (route) => {
    await wait(300);
    await route.continue();
  });
  await page.route('**/*_bg.wasm', async (route) => {
    await wait(900);
    await route.continue();
  });
  // The shell's words as laid out in its last frame before the app took its place.
  await page.addInitScript(() => {
    const textBox = (el: Element | null) => {
      if (!el) return null;
      const range = document.createRange();
      range.selectNodeContents(el);
      const { x, y, width, height } = range.getBoundingClientRect();
      return { x, y, width, height };
    };
    const w = window as unknown as { shellText: unknown; textBox: typeof textBox };
    w.textBox = textBox;
    document.addEventListener('DOMContentLoaded', () => {
      const frame = () => {
        if (!document.getElementById('shell')) return;
        w.shellText = [textBox(document.querySelector('#shell h1')), textBox(document.querySelector('#shell p.lead'))];
        requestAnimationFrame(frame);
      };
      frame();
    });
  });
  await page.goto('/signin');
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.locator('#shell')).toHaveCount(0);
  const [shell, app] = await page.evaluate(() => {
    const w = window as unknown as { shellText: unknown; textBox: (el: Element | null) => unknown };
    return [w.shellText, [w.textBox(document.querySelector('main h1')), w.textBox(document.querySelector('main p.lead'))]];
  });
  expect(shell, 'the shell was painted').not.toBeNull();
  expect(app).toEqual(shell);
});

test('the address with no path shows the profile’s heading, where the app sends it', async ({ page }) => {
  const table = await shellTable(page);
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/');
  await expect(page.locator('#shell h1')).toHaveText(table.fi['/profile'][1]);
});

test('a screen the shell does not know keeps the grey placeholders', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/privacy');
  await expect(page.locator('#shell .skeleton-title')).toHaveCount(1);
  await expect(page.locator('#shell h1')).toHaveCount(0);
});
