import { expect, test, type Page } from '@playwright/test';
import { AINO, SignInPage } from '../pages/sign-in-page';
import { ProfilePage } from '../pages/profile-page';

// Nothing on the screen moves while a page loads: the header keeps its layout when the
// session answer arrives, a page's data appears at once in place of a skeleton, the footer
// starts below the first screen and the font never swaps in late. The browser's own
// layout-shift entries are summed (what Lighthouse reports as CLS); the page is not timed.
test.use({ locale: 'fi-FI' });

const SCREENS = ['/profile', '/profile/edit', '/profile/marketing', '/requests', '/requests/correction', '/requests/data', '/privacy'];

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { shifts: string[] };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; sources: { node?: Node }[] }[]) {
        const nodes = entry.sources.map((s) => (s.node instanceof Element ? `${s.node.tagName}.${s.node.className}` : '#text'));
        w.shifts.push(`${entry.value.toFixed(4)} ${nodes.join(', ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
});

async function shiftsAfterLoad(page: Page): Promise<string[]> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => (window as unknown as { shifts: string[] }).shifts);
}

/** Signs in on the way, then loads each screen afresh (a customer opening a link); the
 *  shifts of every screen, so that one failure shows them all. */
async function shiftsOfEveryScreen(page: Page): Promise<Record<string, string[]>> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  const shifts: Record<string, string[]> = { '/signin': await shiftsAfterLoad(page) };
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded();
  for (const screen of SCREENS) {
    await page.goto(screen);
    shifts[screen] = await shiftsAfterLoad(page);
  }
  return shifts;
}

const NONE = Object.fromEntries(['/signin', ...SCREENS].map((screen) => [screen, []]));

test('no layout shift while any customer screen loads', async ({ page }) => {
  expect(await shiftsOfEveryScreen(page)).toEqual(NONE);
});

test('a font that arrives while the first words wait for it moves nothing', async ({ page }) => {
  // The font comes from the cache or the line a little after the page is first laid out, yet
  // within its block period: the words are laid out in the fallback first, then in the font.
  // Nothing visible may move meanwhile (CI once saw the placeholders below a lead move).
  await page.route('**/fonts/*.woff2', async (route) => {
    await new Promise((done) => setTimeout(done, 40));
    await route.continue();
  });
  expect(await shiftsOfEveryScreen(page)).toEqual(NONE);
});
