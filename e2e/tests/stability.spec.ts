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

test('no layout shift while any customer screen loads', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  expect(await shiftsAfterLoad(page), '/signin').toEqual([]);
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded();
  for (const screen of SCREENS) {
    // A fresh load of each screen: the case a customer opening a link meets.
    await page.goto(screen);
    expect(await shiftsAfterLoad(page), screen).toEqual([]);
  }
});
