import { expect, test, type Page } from '@playwright/test';
import { AINO, SignInPage } from '../pages/sign-in-page';
import { ProfilePage } from '../pages/profile-page';

// WCAG 1.4.10 and 2.5.5 on the narrowest phone: nothing scrolls sideways, and everything a
// thumb operates is at least 44×44 px and wholly on the screen.
test.use({ locale: 'fi-FI', viewport: { width: 320, height: 640 } });

const SCREENS = ['/profile', '/profile/edit', '/profile/marketing', '/requests', '/requests/correction', '/requests/data', '/privacy', '/accessibility'];

async function expectFitsAndTappable(page: Page, where: string) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${where} scrolls sideways`).toBeLessThanOrEqual(320);
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const controls = document.querySelectorAll<HTMLElement>(
      'button, [role=switch], a.button, .tab-bar a, .brand, input, select, textarea',
    );
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown at this size
      const name = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
      if (box.width < 44 || box.height < 44) found.push(`${name} is ${Math.round(box.width)}×${Math.round(box.height)}`);
      if (box.left < 0 || box.right > 320) found.push(`${name} reaches ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    return found;
  });
  expect(problems, where).toEqual([]);
}

test('at 320 px every screen fits the width and every control is big enough to tap', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await expectFitsAndTappable(page, '/signin');
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded();
  for (const screen of SCREENS) {
    await page.goto(screen);
    await expectFitsAndTappable(page, screen);
  }
});

test('on a phone the app is navigated from the tab bar', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded();
  const tabs = page.getByRole('navigation', { name: 'Sovelluksen osiot' });
  await expect(page.getByRole('navigation', { name: 'Päävalikko' })).toBeHidden();
  await tabs.getByRole('link', { name: 'Markkinointi' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Markkinointivalinnat' })).toBeVisible();
  await expect(tabs.getByRole('link', { name: 'Markkinointi' })).toHaveAttribute('aria-current', 'page');
  await tabs.getByRole('link', { name: 'Pyynnöt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tarkastus- ja korjauspyynnöt' })).toBeVisible();
});
