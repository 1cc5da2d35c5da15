import { execFileSync } from 'node:child_process';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { EditPage } from '../pages/edit-page';
import { ProfilePage } from '../pages/profile-page';
import { MAIJA, SignInPage } from '../pages/sign-in-page';

test.use({ locale: 'en-GB' });

const DB = path.resolve(__dirname, '../../target/e2e-db/klever.db');

async function signedIn(page: Page) {
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await signIn.goto();
  await signIn.signIn(MAIJA);
  await new ProfilePage(page).expectLoaded('My details');
}

async function newSignedInPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await signedIn(page);
  return { context, page };
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** A value no other run or test has written. */
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;

test('phone and address are saved, survive a reload and appear in the history', async ({ page }) => {
  await signedIn(page);
  const edit = new EditPage(page);
  await edit.open();
  const number = `050 ${String(Date.now()).slice(-7, -4)} ${String(Date.now()).slice(-4)}`;
  await edit.phone.fill(number);
  await edit.street.fill('Hovioikeudenpuistikko 3 B 12');
  await edit.postalCode.fill('65100');
  await edit.city.fill('Vaasa');
  await edit.country.selectOption('FI');
  await edit.save.click();

  const profile = new ProfilePage(page);
  await profile.expectLoaded('My details');
  await expect(page.getByRole('status').filter({ hasText: 'Your changes are saved.' })).toBeVisible();
  // Shown grouped the Finnish way: +358 50 123 4567.
  const shown = '+358 ' + number.slice(1);
  await expect(profile.field('phone')).toHaveText(shown);
  await expect(profile.field('address')).toHaveText('Hovioikeudenpuistikko 3 B 12, 65100 Vaasa, Finland');

  await page.reload();
  await profile.expectLoaded('My details');
  await expect(profile.field('phone')).toHaveText(shown);
  await expect(profile.field('address')).toHaveText('Hovioikeudenpuistikko 3 B 12, 65100 Vaasa, Finland');
  const history = profile.section('Change history').locator('tbody tr');
  await expect(history.filter({ hasText: 'Phone' }).first()).toContainText(shown);
  await expect(history.filter({ hasText: 'Postal address' }).first()).toContainText('Hovioikeudenpuistikko 3 B 12, 65100 Vaasa, FI');
  await expect(history.first()).toContainText('You');
});

test('a bad email is shown at the field and nothing is saved', async ({ page }) => {
  await signedIn(page);
  const profile = new ProfilePage(page);
  const before = await profile.field('email').textContent();
  const edit = new EditPage(page);
  await edit.open();
  await edit.email.fill('maija@virtanen');
  await edit.otherInfo.fill(unique('Not to be saved'));
  await edit.save.click();

  const message = 'Enter an email address in the correct format, like name@example.fi.';
  await expect(edit.fieldError('edit-email')).toHaveText(message);
  await expect(edit.email).toHaveAttribute('aria-invalid', 'true');
  // GOV.UK style: the summary takes focus, the title says there is an error, and the
  // summary's link takes the customer to the field.
  await expect(edit.alert).toBeFocused();
  await expect(edit.alert).toContainText('Nothing was saved. Correct the marked fields.');
  await expect(page).toHaveTitle(/^Error: /);
  await edit.alert.getByRole('link', { name: message }).click();
  await expect(edit.email).toBeFocused();
  await expect(edit.email).toHaveValue('maija@virtanen');

  // Fixing it clears the message as the customer types.
  await edit.email.fill('maija.virtanen@example');
  await edit.email.press('End');
  await edit.email.type('.fi');
  await expect(edit.fieldError('edit-email')).toHaveCount(0);

  await page.goto('/profile');
  await profile.expectLoaded('My details');
  await expect(profile.field('email')).toHaveText(before!);
  await expect(profile.section('Other details you gave us')).not.toContainText('Not to be saved');
});

/** Two windows open the edit screen on the same version; the first saves `fromA`. */
async function firstOfTwoEditorsSaves(browser: Browser, fromA: string) {
  const first = await newSignedInPage(browser);
  const second = await newSignedInPage(browser);
  const a = new EditPage(first.page);
  const b = new EditPage(second.page);
  await a.open();
  await b.open();
  await a.otherInfo.fill(fromA);
  await a.save.click();
  await new ProfilePage(first.page).expectLoaded('My details');
  return { first, second, b };
}

test('two windows editing at once end in the conflict view, not an overwrite', async ({ browser }) => {
  const fromA = unique('Written in window A');
  const fromB = unique('Written in window B');
  const { first, second, b } = await firstOfTwoEditorsSaves(browser, fromA);

  await b.otherInfo.fill(fromB);
  await b.save.click();
  const conflict = b.conflict();
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('row', { name: /Other details/ })).toContainText(fromA);
  await expect(conflict.getByRole('row', { name: /Other details/ })).toContainText(fromB);
  await expect(b.otherInfo).toHaveValue(fromB);
  await expectNoViolations(second.page);

  // Nothing of B's was written: A's text is what is saved.
  await first.page.reload();
  await expect(new ProfilePage(first.page).section('Other details you gave us')).toContainText(fromA);

  // B keeps their change and saves it over the new version, without retyping.
  await conflict.getByRole('button', { name: 'Save my changes' }).click();
  await new ProfilePage(second.page).expectLoaded('My details');
  await expect(new ProfilePage(second.page).section('Other details you gave us')).toContainText(fromB);
  await first.context.close();
  await second.context.close();
});

test('discarding in the conflict view takes the saved values', async ({ browser }) => {
  const fromA = unique('Kept from A');
  const { first, second, b } = await firstOfTwoEditorsSaves(browser, fromA);
  await b.otherInfo.fill(unique('Dropped from B'));
  await b.save.click();
  await b.conflict().getByRole('button', { name: 'Discard my changes' }).click();
  await expect(b.conflict()).toHaveCount(0);
  await expect(b.otherInfo).toHaveValue(fromA);
  await first.context.close();
  await second.context.close();
});

test('an email or phone change after a while asks for the password in place', async ({ page }) => {
  await signedIn(page);
  // The sign-in happened an hour ago, as far as the server knows.
  execFileSync('sqlite3', [DB, 'UPDATE sessions SET password_at = password_at - 3600']);
  const edit = new EditPage(page);
  await edit.open();
  const number = '+46 70 ' + String(Date.now()).slice(-7);
  await edit.phone.fill(number);
  await expect(page.locator('#sensitive-hint')).toBeVisible();
  await edit.save.click();

  const reauth = edit.reauth();
  await expect(reauth).toBeVisible();
  const password = reauth.getByLabel('Password');
  await expect(password).toBeFocused();
  await expectNoViolations(page);
  await password.fill('wrong password');
  await reauth.getByRole('button', { name: 'Confirm and save' }).click();
  await expect(reauth.getByRole('alert')).toHaveText('The password is wrong.');
  await expect(edit.phone).toHaveValue(number);

  await password.fill(MAIJA.password);
  await password.press('Enter');
  const profile = new ProfilePage(page);
  await profile.expectLoaded('My details');
  await expect(profile.field('phone')).toHaveText('+4670' + number.slice(-7));
});

test('the edit screen has no accessibility violations, with and without errors', async ({ page }) => {
  await signedIn(page);
  const edit = new EditPage(page);
  await edit.open();
  await expectNoViolations(page);
  await edit.email.fill('');
  await edit.postalCode.fill('1');
  await edit.street.fill('Katu 1');
  await edit.city.fill('Vaasa');
  await edit.save.click();
  await expect(edit.fieldError('edit-postal-code')).toBeVisible();
  await expectNoViolations(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoViolations(page);
});

test('a session that ends while editing keeps what was typed across signing in again', async ({ page }) => {
  await signedIn(page);
  const edit = new EditPage(page);
  await edit.open();
  const text = unique('Typed before the session ended');
  await edit.otherInfo.fill(text);
  // The session ends on the server (idle expiry, or signed out elsewhere).
  execFileSync('sqlite3', [DB, "DELETE FROM sessions WHERE customer_id = (SELECT id FROM customers WHERE email = 'maija.virtanen@example.fi')"]);
  await edit.save.click();

  await expect(page).toHaveURL(/\/signin\?expired=1&next=%2Fprofile%2Fedit$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended. Please sign in again.' })).toBeVisible();
  await new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' }).signIn(MAIJA);
  await expect(page).toHaveURL(/\/profile\/edit$/);
  await expect(edit.otherInfo).toHaveValue(text);
  await edit.save.click();
  const profile = new ProfilePage(page);
  await profile.expectLoaded('My details');
  await expect(profile.section('Other details you gave us')).toContainText(text);
});
