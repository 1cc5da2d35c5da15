import { expect, test } from '@playwright/test';
import { AINO, SignInPage } from '../pages/sign-in-page';
import { ProfilePage } from '../pages/profile-page';

test.use({ locale: 'en-GB', serviceWorkers: 'allow' });

test('the app can be installed: a manifest with its icons', async ({ page, request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest).toMatchObject({ short_name: 'Kleverapp', start_url: '/profile', display: 'standalone', theme_color: '#0b5563' });
  const sizes = manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
  }
  await page.goto('/signin');
  await expect(page.locator('link[rel=manifest]')).toHaveAttribute('href', '/manifest.webmanifest');
  // A file that does not exist is a 404, not the app's page.
  expect((await request.get('/manifest.json')).status()).toBe(404);
});

test('the privacy notice and the accessibility statement open without signing in', async ({ page }) => {
  for (const [path, title] of [['/privacy', 'Privacy notice'], ['/accessibility', 'Accessibility statement']]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
  }
  // Each right links to the screen where it is used.
  await page.goto('/privacy');
  await expect(page.getByRole('region', { name: 'Correct or update your data' }).getByRole('link')).toHaveCount(2);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Accessibility statement' })).toBeVisible();
});

test('the text font is our own subset, loaded from this origin and cached for good', async ({ page }) => {
  const fonts: { url: string; cache: string | undefined }[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.woff2')) fonts.push({ url: new URL(r.url()).pathname, cache: r.headers()['cache-control'] });
  });
  await page.goto('/signin');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(async () => (await document.fonts.ready, document.fonts.check('1em "Source Sans 3"')))).toBe(true);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) {
    expect(font.url).toMatch(/^\/fonts\/source-sans-3-\d{3}-[0-9a-f]{12}\.woff2$/);
    expect(font.cache).toContain('immutable');
  }
});

test('once visited, the app starts offline and says so, and keeps no personal data', async ({ page, context }) => {
  const signIn = new SignInPage(page, { email: 'Email', password: 'Password', submit: 'Sign in' });
  await signIn.goto();
  await signIn.signIn(AINO);
  await new ProfilePage(page).expectLoaded('My details');
  // The worker has kept the shell once it is in control.
  await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state)).toBe('activated');
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('kleverapp-shell-v1')).keys()).length))
    .toBeGreaterThan(3);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.site-header .brand')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'You are offline' })).toBeVisible();
  // Every language's texts were kept, so another language works offline too.
  await page.getByRole('button', { name: 'FI Suomi' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Olet offline-tilassa' })).toBeVisible();
  await context.setOffline(false);

  // Nothing from /api was ever stored.
  const kept = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(kept.filter((u) => u.startsWith('/api'))).toEqual([]);
  expect(kept).toContain('/');
  expect(kept.filter((u) => /^\/texts-[a-z]{2}-[0-9a-f]{16}\.txt$/.test(u)).map((u) => u.slice(7, 9)).sort()).toEqual(['en', 'fi', 'sv']);
});
