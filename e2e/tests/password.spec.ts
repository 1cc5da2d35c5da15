import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { ProfilePage } from '../pages/profile-page';
import { ERIK, SignInPage } from '../pages/sign-in-page';

test.use({ locale: 'en-GB' });

const NEW_PASSWORD = 'Tiistai aamuna 7 kahvia!';

async function signIn(page: Page, password: string) {
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await page.goto('/signin');
  await signIn.signIn({ email: ERIK.email, password });
  await new ProfilePage(page).expectLoaded('My details');
}

/** Fills the three fields and sends the form. */
async function change(page: Page, current: string, next: string, repeat = next) {
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(repeat);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test('a customer changes the password: refused ones say why at the field, and other devices are signed out', async ({ page, browser, baseURL }) => {
  const laptop = await (await browser.newContext({ locale: 'en-GB', baseURL, serviceWorkers: 'block' })).newPage();
  await signIn(laptop, ERIK.password);
  await signIn(page, ERIK.password);
  await page.getByRole('link', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();

  // Checked here before anything is sent.
  await change(page, ERIK.password, 'short one');
  await expect(page.locator('#password-new-error')).toContainText('at least 12 characters');
  await change(page, ERIK.password, NEW_PASSWORD, 'Tiistai aamuna 7 kahvia');
  await expect(page.locator('#password-repeat-error')).toContainText('do not match');
  // Checked by the server: a common password, and a wrong current one. What was typed stays.
  await change(page, ERIK.password, '123qweasdzxc');
  await expect(page.locator('#password-new-error')).toContainText('so common that it is easily guessed');
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue('123qweasdzxc');
  await change(page, 'not my password', NEW_PASSWORD);
  await expect(page.locator('#password-current-error')).toContainText('not your current password');
  await expect(page.getByLabel('New password again')).toHaveValue(NEW_PASSWORD);

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  // As typed, the hint grows with the password.
  await page.getByLabel('New password', { exact: true }).fill('aaaaaaaaaaaa');
  await expect(page.locator('.strength')).toContainText('Very weak');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await expect(page.locator('.strength')).toContainText('Strong');
  // For a look at the form with an error and the hint (target/screenshots, as screens.spec.ts).
  await page.screenshot({ path: path.resolve(__dirname, `../../target/screenshots/profile-password-typed-${test.info().project.name}.png`), fullPage: true });

  await change(page, ERIK.password, NEW_PASSWORD);
  await expect(page.locator('[role=status] .notice.success')).toContainText('Your password was changed');
  await expect(page.getByLabel('Current password')).toHaveValue('');

  // The laptop was signed out; this browser stays in.
  await laptop.goto('/profile');
  await expect(laptop).toHaveURL(/\/signin/);
  await page.goto('/profile');
  await new ProfilePage(page).expectLoaded('My details');

  // The new password signs in; then it is changed back, for the tests that follow.
  await signIn(laptop, NEW_PASSWORD);
  await laptop.goto('/profile/password');
  await change(laptop, NEW_PASSWORD, ERIK.password);
  await expect(laptop.locator('[role=status] .notice.success')).toContainText('Your password was changed');
  await laptop.context().close();
});
