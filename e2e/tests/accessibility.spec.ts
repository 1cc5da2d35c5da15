import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { AINO, MAIJA, SignInPage } from '../pages/sign-in-page';
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
  // The app has started (before it, only the static shell shows, with nothing to focus).
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
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

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it never comes. */
async function tabTo(page: import('@playwright/test').Page, target: import('@playwright/test').Locator) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('a whole visit works from the keyboard alone, with focus where the customer expects it', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/signin');
  await tabTo(page, page.getByLabel('Sähköposti'));
  await page.keyboard.type(MAIJA.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Salasana')).toBeFocused();
  await page.keyboard.type(MAIJA.password);
  await page.keyboard.press('Enter');
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  await expect(heading('Omat tietoni')).toBeFocused();

  // Change the phone number.
  await tabTo(page, page.getByRole('link', { name: 'Muokkaa yhteystietojasi' }));
  await page.keyboard.press('Enter');
  await expect(heading('Muokkaa yhteystietojasi')).toBeFocused();
  await tabTo(page, page.getByLabel('Puhelin'));
  await page.keyboard.press('Control+A');
  await page.keyboard.type(`050 ${String(Date.now()).slice(-7)}`);
  await page.keyboard.press('Enter');
  await expect(heading('Omat tietoni')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Muutokset on tallennettu.' })).toBeVisible();

  // Toggle a ban.
  await tabTo(page, page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Markkinointi' }));
  await page.keyboard.press('Enter');
  await expect(heading('Markkinointivalinnat')).toBeFocused();
  const sms = page.getByRole('switch', { name: 'Tekstiviestillä' });
  await tabTo(page, sms);
  const before = await sms.getAttribute('aria-checked');
  await page.keyboard.press('Space');
  await expect(sms).toHaveAttribute('aria-checked', before === 'true' ? 'false' : 'true');
  await expect(page.locator('[data-choice="ban_sms"]')).toContainText('Tallennettu');
  await expect(sms).toBeFocused();

  // File an inspection request.
  await tabTo(page, page.getByRole('navigation', { name: 'Päävalikko' }).getByRole('link', { name: 'Pyynnöt' }));
  await page.keyboard.press('Enter');
  await expect(heading('Tarkastus- ja korjauspyynnöt')).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Lähetä tarkastuspyyntö' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Lähetetäänkö tarkastuspyyntö?' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Kyllä, lähetä' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Pyyntösi on vastaanotettu' })).toBeFocused();

  // Sign out.
  await tabTo(page, page.getByRole('button', { name: 'Kirjaudu ulos' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(heading('Kirjaudu Kleverappiin')).toBeFocused();
});
