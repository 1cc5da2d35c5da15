import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AINO, SignInPage } from '../pages/sign-in-page';
import { ProfilePage } from '../pages/profile-page';

test.use({ locale: 'fi-FI' });

async function expectNoViolations(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

test('the sign-in page has no accessibility violations, also with errors shown', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expectNoViolations(page);
  await signIn.submit.click();
  await expect(page.locator('#signin-email-error')).toBeVisible();
  await expectNoViolations(page);
});

test('the profile page has no accessibility violations, on desktop and phone', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded();
  await expectNoViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoViolations(page);
});

test('the sign-in form works from the keyboard alone', async ({ page }) => {
  await page.goto('/signin');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Siirry sisältöön' })).toBeFocused();
  const email = page.getByLabel('Sähköposti');
  await email.focus();
  await page.keyboard.type(AINO.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(AINO.password);
  await page.keyboard.press('Enter');
  await new ProfilePage(page).expectLoaded();
  // After navigating, focus is on the new page's heading so screen readers announce it.
  await expect(page.getByRole('heading', { level: 1, name: 'Omat tietoni' })).toBeFocused();
});
