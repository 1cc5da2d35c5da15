import { expect, test, type Page } from '@playwright/test';
import { ProfilePage } from '../pages/profile-page';
import { MAIJA, SignInPage } from '../pages/sign-in-page';

// How a screen's own code arrives (scripts/bundle-routes.mjs): a screen opened directly is one
// file, however many chunks wasm-split cut it into; a screen that mostly runs already fetches
// only the chunks it lacks.
test.use({ locale: 'en-GB' });

/** The code files (beyond the main module) the page fetches from now on. */
function codeRequests(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.slice(1);
    if (/\.(bin|wasm)$/.test(file) && !file.includes('_bg.wasm')) files.push(file);
  });
  return files;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

test('a screen opened directly arrives in one file, and the next one with what it lacks', async ({ page }) => {
  const files = codeRequests(page);
  await page.goto('/privacy');
  await expect(heading(page, 'Privacy notice')).toBeVisible();
  expect(files).toEqual([expect.stringMatching(/^privacy_route-[0-9a-f]{16}\.bin$/)]);

  // The accessibility statement shares all but its own chunk with the privacy notice.
  files.length = 0;
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(heading(page, 'Accessibility statement')).toBeVisible();
  expect(files).toEqual([expect.stringMatching(/^accessibility_route-[0-9a-f]{16}\.wasm$/)]);

  // And back: everything is running, nothing is fetched again.
  files.length = 0;
  await page.goBack();
  await expect(heading(page, 'Privacy notice')).toBeVisible();
  expect(files).toEqual([]);
});

test('a signed-in screen with many shared chunks opens from one file', async ({ page }) => {
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await signIn.goto();
  await signIn.signIn(MAIJA);
  await new ProfilePage(page).expectLoaded('My details');
  const files = codeRequests(page);
  await page.goto('/requests');
  await expect(heading(page, 'Inspection and correction requests')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  expect(files).toEqual([expect.stringMatching(/^requests_route-[0-9a-f]{16}\.bin$/)]);
});

test('a screen whose code did not arrive says so, and opens once reloaded', async ({ page }) => {
  let refused = 0;
  await page.route('**/privacy_route-*.bin', (route) => {
    refused += 1;
    return route.abort();
  });
  await page.goto('/privacy');
  const notice = page.getByRole('alert').filter({ hasText: 'The app stopped' });
  await expect(notice).toBeVisible();
  expect(refused).toBe(1);
  await page.unroute('**/privacy_route-*.bin');
  await notice.getByRole('link', { name: 'Reload' }).click();
  await expect(heading(page, 'Privacy notice')).toBeVisible();
});
