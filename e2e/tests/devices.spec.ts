import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ProfilePage } from '../pages/profile-page';
import { ERIK, SignInPage } from '../pages/sign-in-page';

test.use({ locale: 'en-GB' });

const LAPTOP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0';
const TABLET = 'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

async function signIn(page: Page) {
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await page.goto('/signin');
  await signIn.signIn(ERIK);
  await new ProfilePage(page).expectLoaded('My details');
}

/** Erik in another browser of his, named by `userAgent`. */
async function elsewhere(browser: Browser, userAgent: string, baseURL?: string) {
  const context = await browser.newContext({ userAgent, locale: 'en-GB', baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

test('a customer sees where they are signed in and signs out another device', async ({ page, browser, baseURL }) => {
  const other = await elsewhere(browser, LAPTOP, baseURL);
  const tablet = await elsewhere(browser, TABLET, baseURL);
  await signIn(page);
  await page.getByRole('link', { name: 'Signed-in devices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Signed-in devices' })).toBeVisible();

  const here = page.locator('.device.current');
  await expect(here).toHaveCount(1);
  await expect(here.getByRole('heading')).toContainText('This device');
  await expect(here.getByRole('button')).toHaveCount(0);
  const laptopCard = page.locator('.device', { hasText: 'Firefox · macOS' }).first();
  await expect(laptopCard).toContainText('Signed in');
  await expect(laptopCard).toContainText('Last used');

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  await laptopCard.getByRole('button', { name: 'Sign out: Firefox · macOS' }).click();
  await expect(page.locator('[role=status] .notice.success')).toContainText('You were signed out on that device.');
  // The laptop finds itself signed out.
  await other.goto('/profile');
  await expect(other).toHaveURL(/\/signin/);

  // Everything but this device: the tablet too.
  await expect(page.locator('.device', { hasText: 'Safari · iPadOS' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign out on all other devices' }).click();
  await expect(page.locator('[role=status] .notice.success')).toContainText('You were signed out on all other devices.');
  await expect(page.locator('.device')).toHaveCount(1);
  await expect(page.getByText('You are signed in on this device only.')).toBeVisible();
  // And this one is still in.
  await page.goto('/profile');
  await new ProfilePage(page).expectLoaded('My details');
  await tablet.goto('/profile');
  await expect(tablet).toHaveURL(/\/signin/);
  await other.context().close();
  await tablet.context().close();
});
