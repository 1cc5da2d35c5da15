import { expect, test } from '@playwright/test';
import { AINO, ERIK, SignInPage } from '../pages/sign-in-page';
import { ProfilePage } from '../pages/profile-page';

test.use({ locale: 'fi-FI' });

test('a customer signs in and sees every category the register holds', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);

  const profile = new ProfilePage(page);
  await profile.expectLoaded();

  // 1–2: name and gender, locked.
  const personal = profile.section('Henkilötiedot');
  await expect(profile.field('first-name')).toHaveText('Aino');
  await expect(profile.field('last-name')).toHaveText('Laine');
  await expect(profile.field('gender')).toHaveText('Nainen');
  await expect(personal.getByText('Lukittu')).toHaveCount(4); // with customer since
  await expect(personal.getByRole('link', { name: /Pyydä korjausta/ })).toHaveCount(1);

  // 4–5 and the rest of the contact details.
  await expect(profile.field('email')).toHaveText('aino.laine@example.fi');
  await expect(profile.field('phone')).toHaveText('+358 40 123 4567');
  await expect(profile.field('address')).toHaveText('Kauppapuistikko 12 A 5, 65100 Vaasa, Suomi');
  await expect(profile.field('preferred-language')).toHaveText('Suomi');

  // 6: what the customer told us.
  await expect(profile.section('Muut antamasi tiedot')).toContainText('Toivoo laskut sähköpostiin');

  // 3: bank details, masked but for the last four digits.
  await expect(profile.field('iban')).toHaveText('FI•• •••• •••• ••07 85');
  await expect(profile.field('bic')).toHaveText('NDEAFIHH');
  await expect(page.getByText('FI21 1234')).toHaveCount(0);

  // 7: marketing bans and consents, each worded as what Klever may do.
  await expect(profile.field('ban_sms')).toHaveText('Ei');
  await expect(profile.field('ban_email')).toHaveText('Kyllä');
  await expect(profile.field('consent_market_research')).toHaveText('Kyllä');
  await expect(profile.field('consent_targeting')).toHaveText('Ei');

  // 8: customer since, in Finnish date format.
  await expect(page.locator('[data-field="customer-since"]')).toHaveText('15.3.2021');

  // 10: the bank-account report, amounts in Finnish format.
  await expect(profile.field('report-provider')).toHaveText('Instantor');
  await expect(profile.field('report-bank')).toHaveText('Nordea');
  await expect(profile.field('report-date')).toHaveText('10.9.2025');
  await expect(profile.field('report-balance')).toHaveText('1 234,50 €');
  await expect(profile.field('report-income')).toHaveText('3 250,00 €');
  await expect(profile.field('report-expenses')).toHaveText('2 480,40 €');

  // Billing (§7): invoices with their payments and status.
  const invoices = profile.section('Laskut ja maksut').getByRole('row');
  await expect(invoices).toHaveCount(4); // header + three invoices
  const water = page.locator('tr[data-invoice="KL-2026-0412"]');
  await expect(water).toContainText('Pohjanmaan Vesi');
  await expect(water).toContainText('1 234,50 €');
  await expect(water).toContainText('Osittain maksettu');
  await expect(water).toContainText('10.11.2026: 500,00 €');
  await expect(page.locator('tr[data-invoice="KL-2026-0187"]')).toContainText('Erääntynyt');

  // 9: change history, newest first.
  const history = profile.section('Muutoshistoria').locator('tbody tr');
  await expect(history).toHaveCount(4);
  await expect(history.first()).toContainText('Sukunimi');
  await expect(history.first()).toContainText('Mäkelä');
  await expect(history.first()).toContainText('Asiakaspalvelu');
});

test('the language switch changes the page and is remembered', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);
  const profile = new ProfilePage(page);
  await profile.expectLoaded();

  await page.getByRole('button', { name: 'SV Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mina uppgifter' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(profile.field('gender')).toHaveText('Kvinna');
  await expect(page.locator('tr[data-invoice="KL-2026-0187"]')).toContainText('Förfallen');
  await expect(page).toHaveTitle(/Mina uppgifter/);

  await page.getByRole('button', { name: 'EN English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My details' })).toBeVisible();
  await expect(profile.field('report-balance')).toHaveText('€1,234.50');
  await expect(page.locator('[data-field="customer-since"]')).toHaveText('15/03/2021');

  await page.reload();
  await profile.expectLoaded('My details');
  await expect(page.getByRole('button', { name: 'EN English' })).toHaveAttribute('aria-pressed', 'true');
});

test('the browser language is the default', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'sv-FI' });
  const page = await context.newPage();
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in på Kleverapp' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await context.close();
});

test('only the language shown is downloaded; another when chosen, and a failed download says so', async ({ page }) => {
  const texts: string[] = [];
  page.on('request', (request) => {
    const match = /\/texts-([a-z]{2})-[0-9a-f]{16}\.txt$/.exec(request.url());
    if (match) texts.push(match[1]);
  });
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Kleverappiin' })).toBeVisible();
  expect(texts).toEqual(['fi']);

  // The network fails: the page stays in Finnish and says what happened, in Finnish.
  await page.route(/\/texts-sv-/, (route) => route.abort());
  await page.getByRole('button', { name: 'SV Svenska' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Kieltä ei saatu ladattua' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Kleverappiin' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(page.getByRole('button', { name: 'SV Svenska' })).toHaveAttribute('aria-pressed', 'false');
  await alert.getByRole('button', { name: 'Sulje' }).click();
  await expect(alert).toHaveCount(0);
  await page.getByRole('button', { name: 'SV Svenska' }).click();
  await expect(alert).toBeVisible();

  // Back online, the same choice works and the alert goes.
  await page.unroute(/\/texts-sv-/);
  await page.getByRole('button', { name: 'SV Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in på Kleverapp' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(texts).toEqual(['fi', 'sv', 'sv', 'sv']);

  // Finnish again needs no download; after a reload only the remembered Swedish is fetched.
  await page.getByRole('button', { name: 'FI Suomi' }).click();
  await page.getByRole('button', { name: 'SV Svenska' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in på Kleverapp' })).toBeVisible();
  expect(texts).toEqual(['fi', 'sv', 'sv', 'sv']);
  texts.length = 0;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Logga in på Kleverapp' })).toBeVisible();
  expect(texts).toEqual(['sv']);
});

test('signing out ends access to the profile', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);
  const profile = new ProfilePage(page);
  await profile.expectLoaded();

  await profile.signOutButton().click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText('Aino')).toHaveCount(0);
  const status = await page.request.get('/api/me');
  expect(status.status()).toBe(401);
});

test('a browser that has not signed in is not asked about a session, so its console stays clean', async ({ page }) => {
  // Asking would answer 401, which the browser logs as an error on every public page.
  const asked: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/session') asked.push(page.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const profile = new ProfilePage(page);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await page.goto('/privacy');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked).toEqual([]);
  expect(errors).toEqual([]);
  await expect(profile.signOutButton()).toHaveCount(0);

  // Signed in, a public page asks, and its header offers signing out.
  await signIn.goto();
  await signIn.signIn(AINO);
  await profile.expectLoaded();
  await page.goto('/privacy');
  await expect(profile.signOutButton()).toBeVisible();
  expect(asked).toHaveLength(1);

  // Signed out, it no longer asks.
  await profile.signOutButton().click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/privacy');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('a session this browser does not know of still opens the profile', async ({ page }) => {
  // Signed in before the app kept its note, or with the browser's storage cleared: the
  // customer's screens ask the server themselves.
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);
  const profile = new ProfilePage(page);
  await profile.expectLoaded();
  await page.evaluate(() => localStorage.clear());
  await page.goto('/profile');
  await profile.expectLoaded();
  await expect(profile.field('first-name')).toHaveText('Aino');
  await expect(profile.signOutButton()).toBeVisible();
});

test('a wrong password gets one generic message and keeps what was typed', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn({ email: AINO.email, password: 'not-the-password' });
  await expect(signIn.alert).toHaveText('Sähköposti tai salasana on väärin.');
  await expect(signIn.email).toHaveValue(AINO.email);
  await expect(page).toHaveURL(/\/signin$/);

  await signIn.signIn({ email: 'nobody@example.fi', password: 'whatever' });
  await expect(signIn.alert).toHaveText('Sähköposti tai salasana on väärin.');
  // Typing again takes the old answer away; an empty try shows only what is missing.
  await signIn.password.fill('');
  await expect(signIn.alert).toHaveText('');
  await signIn.submit.click();
  await expect(signIn.alert).not.toContainText('väärin');
  await expect(signIn.alert).toContainText('Kirjoita salasanasi.');
  await expect(page).toHaveTitle(/^Virhe: /);
});

test('without a session the profile sends you to sign in', async ({ page }) => {
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/signin\?next=%2Fprofile$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kirjaudu Kleverappiin' })).toBeVisible();
});

test('each customer sees only their own data', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(ERIK);
  const profile = new ProfilePage(page);
  await profile.expectLoaded();
  await expect(profile.field('first-name')).toHaveText('Erik');
  await expect(profile.field('preferred-language')).toHaveText('Svenska');
  await expect(page.locator('[data-field="ban-all"]')).toBeVisible();
  await expect(profile.section('Pankkitiliraportti')).toContainText('Meillä ei ole pankkitiliraporttia');
  await expect(page.getByText('Aino')).toHaveCount(0);
  await expect(page.getByText('KL-2026-0311')).toHaveCount(0);
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Sivua ei löytynyt' })).toBeVisible();
  await page.getByRole('link', { name: 'Takaisin omiin tietoihin' }).click();
  await expect(page).toHaveURL(/\/signin\?next=%2Fprofile$/);
});

test('on a phone the profile fits the screen', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fi-FI', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test('the app reaches the browser compressed and cacheable', async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
  await page.goto('/signin');
  const response = await wasm;
  const headers = await response.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['cache-control']).toContain('immutable');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('every screen runs under the content security policy without a violation', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto('/signin');
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  const signIn = new SignInPage(page);
  await signIn.signIn(AINO);
  const profile = new ProfilePage(page);
  await profile.expectLoaded();
  for (const [path, heading] of [
    ['/profile/edit', 'Muokkaa yhteystietojasi'],
    ['/profile/marketing', 'Markkinointivalinnat'],
    ['/requests', 'Tarkastus- ja korjauspyynnöt'],
    ['/requests/correction', 'Pyydä tietojen korjausta'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  expect(violations).toEqual([]);
});
