import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProfilePage } from '../pages/profile-page';
import { SignInPage } from '../pages/sign-in-page';

const DB = path.resolve(__dirname, '../../target/e2e-db/klever.db');
// Where the test SMTP server writes what the app sends (see playwright.config.ts).
const MAIL = path.resolve(__dirname, '../../target/e2e-mail');

type Mail = { rcpt_to: string[]; subject: string; text: string; html: string };

/** Every message delivered to `address` so far, oldest first. */
function mailTo(address: string): Mail[] {
  if (!existsSync(MAIL)) return [];
  return readdirSync(MAIL)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(MAIL, f), 'utf8')) as Mail)
    .filter((m) => m.rcpt_to.includes(address));
}

/** Waits for the `n`-th message to `address` with a link to `page`, and returns it and the link. */
async function linkIn(address: string, n: number, page: string): Promise<{ mail: Mail; url: string }> {
  const withLink = () => mailTo(address).filter((m) => m.text.includes(`${page}#`));
  await expect.poll(() => withLink().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(n);
  const mail = withLink()[n - 1];
  const url = mail.text.split(/\s+/).find((w) => w.includes(`${page}#`));
  expect(url, mail.text).toBeTruthy();
  return { mail, url: url! };
}

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
}

test.describe('in Swedish, as the browser asks', () => {
  test.use({ locale: 'sv-FI' });

test('a new customer activates the account from the emailed link, then gets back in with "forgot password"', async ({ page, browser, baseURL }, info) => {
  // A customer the billing side made, who has never used the app, in Swedish.
  const email = `sanna.${info.project.name}@example.fi`;
  execFileSync('sqlite3', [DB, '.timeout 5000', `INSERT INTO customers (email, password_hash, first_name, last_name, gender, preferred_language, customer_since) VALUES ('${email}', '!', 'Sanna', 'Koskinen', 'female', 'sv', '2026-11-01')`]);

  // Customer service finds the customer, sees the account is not in use, and sends the link.
  const staff = await (await browser.newContext({ baseURL, locale: 'en-GB', serviceWorkers: 'block' })).newPage();
  await staff.goto('/staff/signin');
  await new SignInPage(staff, { email: 'Email', password: 'Password', submit: 'Sign in' }).signIn({ email: 'helena.kallio@klever.example', password: 'helena-staff-2026' });
  await staff.getByRole('link', { name: 'Find a customer' }).click();
  await staff.getByLabel('Name, email or phone').fill(email);
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  await axe(staff);
  await staff.screenshot({ path: path.resolve(__dirname, `../../target/screenshots/staff-customers-${info.project.name}.png`), fullPage: true });
  await staff.getByRole('link', { name: 'Sanna Koskinen' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Sanna Koskinen' })).toBeVisible();
  await expect(staff.locator('[data-field="account-state"]')).toHaveText('Never activated');
  // The record speaks about the customer, not in the customer's own voice.
  await expect(staff.getByRole('heading', { level: 2, name: "The customer's requests" })).toBeVisible();
  await expect(staff.getByRole('heading', { level: 2, name: 'Other details the customer gave' })).toBeVisible();
  await expect(staff.getByText('The customer has made no requests.')).toBeVisible();
  await expect(staff.getByText('The customer has no invoices.')).toBeVisible();
  await expect(staff.getByText('The customer has made no choices yet.')).toBeVisible();
  await expect(staff.getByText(/\b(my|you|your)\b/i)).toHaveCount(0);
  await axe(staff);
  // For a look at the staff's customer page (target/screenshots, as screens.spec.ts).
  await staff.screenshot({ path: path.resolve(__dirname, `../../target/screenshots/staff-customer-${info.project.name}.png`), fullPage: true });
  await staff.getByRole('button', { name: 'Send an activation link' }).click();
  await expect(staff.getByRole('status').filter({ hasText: 'activation link was sent' })).toBeVisible();
  await expect(staff.locator('[data-field="link-sent"]')).toBeVisible();

  const activation = await linkIn(email, 1, '/account/activate');
  expect(activation.mail.subject).toBe('Ta Kleverapp i bruk');
  expect(activation.mail.html).toContain(`<a href="${activation.url}">`);

  // Swedish, as the customer's browser asks.
  await page.goto(activation.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Ta Kleverapp i bruk' })).toBeVisible();
  // The token is taken out of the address bar at once.
  expect(page.url()).not.toContain('#');
  await axe(page);
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('Sannas första lösenord 2026');
  await page.getByLabel('Nytt lösenord igen').fill('Sannas första lösenord 2026');
  await page.getByRole('button', { name: 'Ta i bruk' }).click();
  await new ProfilePage(page).expectLoaded('Mina uppgifter');

  // The link worked once.
  await page.goto(activation.url);
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('Ett annat lösenord 2026');
  await page.getByLabel('Nytt lösenord igen').fill('Ett annat lösenord 2026');
  await page.getByRole('button', { name: 'Ta i bruk' }).click();
  await expect(page.getByText('Länken fungerar inte längre.')).toBeVisible();
  await axe(page);

  // Signed out, the customer has forgotten the password already.
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Logga ut' }).first().click();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Har du glömt lösenordet?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Har du glömt lösenordet?' })).toBeVisible();
  await axe(page);
  await page.getByLabel('E-post').fill(email);
  await page.getByRole('button', { name: 'Skicka länken' }).click();
  await expect(page.locator('.confirmation')).toContainText('Titta i din e-post');
  await expect(page.locator('.confirmation')).toContainText(email);
  await axe(page);

  // Meanwhile a session in another browser, signed in with the first password.
  const other = await (await browser.newContext({ baseURL, locale: 'sv-FI', serviceWorkers: 'block' })).newPage();
  const signIn = new SignInPage(other, { email: 'E-post', password: 'Lösenord', submit: 'Logga in' });
  await other.goto('/signin');
  await signIn.signIn({ email, password: 'Sannas första lösenord 2026' });
  await new ProfilePage(other).expectLoaded('Mina uppgifter');

  const reset = await linkIn(email, 1, '/account/reset');
  expect(reset.mail.subject).toBe('Nytt lösenord till Kleverapp');
  await page.goto(reset.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Välj ett nytt lösenord' })).toBeVisible();
  await axe(page);
  // Refused at the field by the server (too common), the link still works.
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('123qweasdzxc');
  await page.getByLabel('Nytt lösenord igen').fill('123qweasdzxc');
  await page.getByRole('button', { name: 'Spara lösenordet' }).click();
  await expect(page.locator('#password-new-error')).toContainText('så vanligt att det lätt gissas');
  await page.getByLabel('Nytt lösenord', { exact: true }).fill('Ett helt nytt lösenord i november');
  await page.getByLabel('Nytt lösenord igen').fill('Ett helt nytt lösenord i november');
  await page.getByRole('button', { name: 'Spara lösenordet' }).click();
  await new ProfilePage(page).expectLoaded('Mina uppgifter');

  // The other browser was signed out; a notice of the change went to the address.
  await other.goto('/profile');
  await expect(other).toHaveURL(/\/signin/);
  await expect.poll(() => mailTo(email).map((m) => m.subject)).toContain('Ditt lösenord har ändrats');
  await other.context().close();

  // Customer service now sees the account in use.
  await staff.reload();
  await expect(staff.locator('[data-field="account-state"]')).toHaveText('In use');
  await staff.context().close();
});
});

test('the forgotten-password pages speak Finnish and English too, and a dead link says what to do', async ({ page }) => {
  for (const [lang, language, title, button, gone] of [
    ['fi', 'FI Suomi', 'Unohditko salasanasi?', 'Lähetä linkki', 'Linkki ei enää toimi.'],
    ['en', 'EN English', 'Forgot your password?', 'Send the link', 'This link no longer works.'],
  ]) {
    await page.goto('/account/forgot');
    await page.getByRole('button', { name: language }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    // Checked here first: no address, no request.
    await page.getByRole('button', { name: button }).click();
    await expect(page.locator('#forgot-email-error')).toBeVisible();
    await page.goto('/account/reset#not-a-real-token');
    await page.getByLabel(lang === 'fi' ? 'Uusi salasana' : 'New password', { exact: true }).fill('A long enough password');
    await page.getByLabel(lang === 'fi' ? 'Uusi salasana uudelleen' : 'New password again').fill('A long enough password');
    await page.getByRole('button', { name: lang === 'fi' ? 'Tallenna salasana' : 'Save the password' }).click();
    await expect(page.getByText(gone)).toBeVisible();
    await axe(page);
  }
});

test('customer service reads a customer record in words about the customer, not in the customer\'s voice', async ({ browser, baseURL }) => {
  const staff = await (await browser.newContext({ baseURL, locale: 'en-GB', serviceWorkers: 'block' })).newPage();
  await staff.goto('/staff/signin');
  await new SignInPage(staff, { email: 'Email', password: 'Password', submit: 'Sign in' }).signIn({ email: 'helena.kallio@klever.example', password: 'helena-staff-2026' });
  await staff.getByRole('link', { name: 'Find a customer' }).click();
  await staff.getByLabel('Name, email or phone').fill('aino.laine');
  await staff.getByRole('button', { name: 'Search', exact: true }).click();
  await staff.getByRole('link', { name: 'Aino Laine' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Aino Laine' })).toBeVisible();
  await expect(staff.getByRole('heading', { level: 3, name: 'Klever may market to the customer' })).toBeVisible();
  await expect(staff.getByText('Invite the customer to market research and surveys')).toBeVisible();
  await expect(staff.getByRole('heading', { level: 2, name: "History of the customer's choices" })).toBeVisible();
  // Aino's own changes are shown as the customer's, not "You".
  await expect(staff.locator('#history td', { hasText: /^The customer$/ }).first()).toBeVisible();
  await expect(staff.getByText(/\b(my|me|you|your)\b/i)).toHaveCount(0);
  await staff.context().close();
});
