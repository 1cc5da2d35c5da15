import { expect, test, type Page } from '@playwright/test';
import { EditPage } from '../pages/edit-page';
import { ProfilePage } from '../pages/profile-page';
import { MAIJA, SignInPage } from '../pages/sign-in-page';

// Script and markup typed into the fields a customer edits are kept as typed and shown as
// text: nothing of it runs, in the form, on the profile, in the history or on the page of
// all the customer's data.
test.use({ locale: 'en-GB' });

const MARKUP = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"'&<b>bold</b>`;

/** Fails the test on any dialog, and reports whether injected code set its flag. */
async function watch(page: Page) {
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
}

async function nothingRan(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main b', { hasText: 'bold' })).toHaveCount(0);
}

test('markup in the free-text and address fields is stored and shown as text', async ({ page }) => {
  await watch(page);
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await signIn.goto();
  await signIn.signIn(MAIJA);
  const profile = new ProfilePage(page);
  await profile.expectLoaded('My details');

  const edit = new EditPage(page);
  await edit.open();
  const text = `${MARKUP} ${Date.now().toString(36)}`;
  await edit.otherInfo.fill(text);
  // A street with markup characters is refused at the field, and nothing is saved.
  await edit.street.fill('<svg onload=alert(1)>');
  await edit.postalCode.fill('65100');
  await edit.city.fill('Vaasa');
  await edit.country.selectOption('FI');
  await edit.save.click();
  await expect(edit.fieldError('edit-street')).toBeVisible();
  await nothingRan(page);
  // The refused form keeps what was typed; a plain street saves the rest.
  await expect(edit.otherInfo).toHaveValue(text);
  await edit.street.fill('Rauhankatu 2');
  await edit.save.click();
  await profile.expectLoaded('My details');
  await expect(page.locator('[data-field="other-info"]')).toHaveText(text);
  await nothingRan(page);

  await page.reload();
  await profile.expectLoaded('My details');
  await expect(page.locator('[data-field="other-info"]')).toHaveText(text);
  const history = profile.section('Change history').locator('tbody tr');
  await expect(history.filter({ hasText: 'window.__pwned=2' }).first()).toContainText(MARKUP);
  await nothingRan(page);

  // And on the page of all the customer's data.
  await page.goto('/requests/data');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[data-field="other-info"]').first()).toHaveText(text);
  await nothingRan(page);
});
