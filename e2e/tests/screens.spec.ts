import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AINO, SignInPage } from '../pages/sign-in-page';
import { ProfilePage } from '../pages/profile-page';

// Every customer screen, on a phone and a desktop, light and dark: a picture of each in
// target/screenshots/ (see the README), and no accessibility violation on any of them.
test.use({ locale: 'fi-FI' });

const SHOTS = path.resolve(__dirname, '../../target/screenshots');
const SCREENS = ['/profile', '/profile/edit', '/profile/marketing', '/profile/devices', '/profile/password', '/requests', '/requests/correction', '/requests/data', '/privacy', '/accessibility'];
const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
];

async function expectNoViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${where} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);
}

async function settle(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
}

for (const scheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`every screen, ${size.name}, ${scheme}: a screenshot and no accessibility violation`, async ({ browser }) => {
      test.setTimeout(90_000);
      mkdirSync(SHOTS, { recursive: true });
      const context = await browser.newContext({
        locale: 'fi-FI',
        colorScheme: scheme,
        viewport: { width: size.width, height: size.height },
      });
      const page = await context.newPage();
      const shot = (name: string) =>
        page.screenshot({ path: path.join(SHOTS, `${name}-${size.name}-${scheme}.png`), fullPage: true });

      const signIn = new SignInPage(page);
      // The screens for getting in without a password, before signing in.
      for (const screen of ['/account/forgot', '/account/reset', '/account/activate#a-token']) {
        await page.goto(screen);
        await settle(page);
        await shot(screen.slice(1).split('#')[0].replaceAll('/', '-'));
        await expectNoViolations(page, screen);
      }
      await signIn.goto();
      await shot('signin');
      await expectNoViolations(page, '/signin');
      await signIn.signIn(AINO);
      await new ProfilePage(page).expectLoaded();
      for (const screen of SCREENS) {
        await page.goto(screen);
        await settle(page);
        await shot(screen.slice(1).replaceAll('/', '-'));
        await expectNoViolations(page, screen);
      }
      await context.close();
    });
  }
}
