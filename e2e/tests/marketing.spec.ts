import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MarketingPage } from '../pages/marketing-page';
import { ProfilePage } from '../pages/profile-page';
import { MAIJA, SignInPage } from '../pages/sign-in-page';

test.use({ locale: 'en-GB' });

async function signedIn(page: Page, baseURL?: string) {
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await page.goto(`${baseURL ?? ''}/signin`);
  await signIn.signIn(MAIJA);
  await new ProfilePage(page).expectLoaded('My details');
}

test('a ban saves at once, survives a reload and is logged', async ({ page }) => {
  await signedIn(page);
  const marketing = new MarketingPage(page);
  await marketing.goto();
  await marketing.set('By text message', true);
  const before = await marketing.logRows('Marketing by text message').count();

  // Off means Klever may not: a ban.
  await marketing.set('By text message', false);
  await expect(marketing.row('By text message')).toContainText('No');
  await expect(marketing.logRows('Marketing by text message')).toHaveCount(before + 1);
  await expect(marketing.logRows('Marketing by text message').first()).toContainText('Banned');
  await expect(page.locator('[data-choice="ban_sms"] .switch-meta')).toContainText('Last changed');
  // "Saved" stands beside the switch that changed, not beside the others.
  await expect(marketing.row('By email')).not.toContainText('Saved');

  await page.reload();
  await expect(marketing.switch('By text message')).toHaveAttribute('aria-checked', 'false');
  await page.goto('/profile');
  await expect(new ProfilePage(page).field('ban_sms')).toHaveText('No');
});

test('turning all direct marketing off turns every channel off, and on again brings the channel choices back', async ({ page }) => {
  await signedIn(page);
  const marketing = new MarketingPage(page);
  await marketing.goto();
  await marketing.set('By post', false);
  await marketing.set('By email', true);
  await marketing.set('Klever may send me direct marketing', false);
  for (const channel of ['By email', 'By text message', 'By phone', 'By post']) {
    await expect(marketing.switch(channel)).toHaveAttribute('aria-checked', 'false');
    await expect(marketing.switch(channel)).toHaveAttribute('aria-disabled', 'true');
  }
  await expect(page.locator('[data-choice="ban_post"] .switch-meta')).toHaveText(/because all direct marketing is off/);
  await page.goto('/profile');
  await expect(new ProfilePage(page).field('ban_email')).toHaveText('No');
  await marketing.goto();
  // A click on an overridden channel changes nothing.
  await marketing.switch('By email').click({ force: true });
  await expect(marketing.switch('By email')).toHaveAttribute('aria-checked', 'false');

  await marketing.set('Klever may send me direct marketing', true);
  await expect(marketing.switch('By post')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(marketing.switch('By post')).toHaveAttribute('aria-checked', 'false');
  await expect(marketing.switch('By email')).toHaveAttribute('aria-checked', 'true');
  await marketing.set('By post', true);
});

test('a consent is withdrawn as easily as it is given, from the keyboard too', async ({ page }) => {
  await signedIn(page);
  const marketing = new MarketingPage(page);
  await marketing.goto();
  const consent = marketing.switch('Invite me to market research and surveys');
  await marketing.set('Invite me to market research and surveys', false);
  const before = await marketing.logRows('Market research and surveys').count();

  await consent.focus();
  await page.keyboard.press('Space');
  await expect(consent).toHaveAttribute('aria-checked', 'true');
  await expect(marketing.saved).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(consent).toHaveAttribute('aria-checked', 'false');
  await expect(marketing.logRows('Market research and surveys')).toHaveCount(before + 2);
  await expect(marketing.logRows('Market research and surveys').first()).toContainText('Consent withdrawn');
  await expect(marketing.logRows('Market research and surveys').nth(1)).toContainText('Consent given');
});

test('the marketing screen has no accessibility violations', async ({ page }) => {
  await signedIn(page);
  const marketing = new MarketingPage(page);
  await marketing.goto();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('if the server is gone while saving, the switch returns to the saved state with a message', async ({ page }) => {
  // A server of this test's own, so stopping it leaves the shared one running.
  const root = path.resolve(__dirname, '../..');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'klever-e2e-'));
  const port = 8097;
  const server = spawn(path.join(root, 'target/debug/klever-server'), [], {
    env: {
      ...process.env,
      KLEVER_BIND: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${dir}/klever.db`,
      KLEVER_STATIC_DIR: path.join(root, 'dist'),
      KLEVER_DEMO_DATA: 'true',
      KLEVER_COOKIE_SECURE: 'false',
      RUST_LOG: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(async () => (await fetch(`${base}/`).catch(() => null))?.status, { timeout: 15_000 }).toBe(200);
    await signedIn(page, base);
    await page.goto(`${base}/profile/marketing`);
    const marketing = new MarketingPage(page);
    const email = marketing.switch('By email');
    await expect(email).toHaveAttribute('aria-checked', 'true');

    server.kill('SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    await email.click();
    await expect(marketing.failed).toHaveText(
      'Your choice could not be saved, so your earlier choice still applies. Please try again.',
    );
    await expect(email).toHaveAttribute('aria-checked', 'true');
  } finally {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('marketing staff download an audience that leaves out those who banned the channel', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/staff/signin');
  await new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' }).signIn({
    email: 'olli.nieminen@klever.example',
    password: 'olli-staff-2026',
  });
  await expect(page.getByRole('heading', { level: 1, name: 'Marketing audiences' })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /CSV.*Email/ }).click(),
  ]);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe('customer_id,first_name,last_name,preferred_language,contact');
  expect(csv).toContain('aino.laine@example.fi');
  expect(csv).not.toContain('Sjöberg'); // Erik bans all direct marketing.
  // A request page is customer service's: marketing staff are told so, and stay signed in.
  await page.goto('/staff/requests/1');
  await expect(page.getByRole('alert')).toContainText('This view is not part of your role.');
  await expect(page).toHaveURL(/\/staff\/requests\/1$/);
  await context.close();
});
