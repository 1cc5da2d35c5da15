import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ProfilePage } from '../pages/profile-page';
import { MAIJA, SignInPage } from '../pages/sign-in-page';

test.use({ locale: 'en-GB' });

const HELENA = { email: 'helena.kallio@klever.example', password: 'helena-staff-2026' };
const english = { email: 'Email', password: 'Password', submit: 'Sign in' };

async function customerSignedIn(page: Page) {
  const signIn = new SignInPage(page, english);
  await signIn.goto();
  await signIn.signIn(MAIJA);
  await new ProfilePage(page).expectLoaded('My details');
}

async function staffPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/staff/signin');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff sign-in' })).toBeVisible();
  await new SignInPage(page, english).signIn(HELENA);
  await expect(page.getByRole('heading', { level: 1, name: 'Open requests' })).toBeVisible();
  return { context, page };
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a correction filed from a locked field is completed by staff and shows up for the customer', async ({ page, browser }) => {
  await customerSignedIn(page);
  // Runs on a desktop and on a phone against the same data: read the name, propose a new one.
  const current = (await new ProfilePage(page).field('last-name').textContent())!.trim();
  const letters = Date.now().toString().split('').map((d) => 'abcdefghij'[Number(d)]).join('');
  const proposed = `Virtanen-K${letters.slice(-6)}`;
  // One correction link per section; the form then asks which detail.
  await page.getByRole('link', { name: /Request a correction.*Personal details/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ask us to correct your data' })).toBeVisible();
  await expect(page.getByLabel('Detail to correct')).toHaveValue('first_name');
  await page.getByLabel('Detail to correct').selectOption('last_name');
  await expect(page.locator('[data-field="current-value"]')).toHaveText(current);
  await expectNoViolations(page);

  // Sending with nothing filled in says what is missing, at the fields.
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.locator('#correction-proposed-value-error')).toHaveText('Fill in this field.');
  await expect(page.locator('#correction-explanation-error')).toHaveText('Tell us briefly why the detail is wrong.');
  await expect(page.locator('#error-summary')).toBeFocused();
  await page.locator('#error-summary').getByRole('link', { name: 'Fill in this field.' }).click();
  await expect(page.getByLabel('The correct value')).toBeFocused();

  await page.getByLabel('The correct value').fill(proposed);
  await page.getByLabel('Explanation').fill('I took my spouse’s name as well.');
  await page.getByRole('button', { name: 'Send request' }).click();
  // Checked once more before it goes; changing keeps what was typed.
  await expect(page.getByRole('heading', { name: 'Check your request' })).toBeFocused();
  await expect(page.locator('[data-field="check-proposed"]')).toHaveText(proposed);
  await page.getByRole('button', { name: 'Change' }).click();
  await expect(page.getByLabel('The correct value')).toHaveValue(proposed);
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.getByRole('button', { name: 'Send request' }).dblclick();
  await expect(page).toHaveURL(/\/requests\?sent=\d+$/);
  const panel = page.getByRole('status').filter({ hasText: 'Your request has been received' });
  await expect(panel).toBeFocused();
  await expect(panel.locator('.reference')).toHaveText(/^\d{4}-\d{5}$/);
  await expect(panel).toContainText('We will answer by');
  const mine = page.locator('.request-card', { hasText: 'Correction request: Last name' }).filter({ hasText: proposed });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText('Received');
  await expect(mine).toContainText(proposed);
  await expectNoViolations(page);

  // Staff handle it in their own browser.
  const staff = await staffPage(browser);
  await expectNoViolations(staff.page);
  // The correction, not any other request of hers (the keyboard test files an inspection).
  await staff.page.locator('tr', { hasText: 'Last name' }).getByRole('link', { name: /Open.*Maija Virtanen/ }).click();
  await expect(staff.page.getByRole('heading', { level: 1, name: 'Handling a request' })).toBeVisible();
  await expect(staff.page.locator('[data-field="proposed"]')).toHaveText(proposed);
  await expectNoViolations(staff.page);
  const [copy] = await Promise.all([
    staff.page.waitForEvent('download'),
    staff.page.getByRole('link', { name: "Download all of the customer's data (JSON)" }).click(),
  ]);
  expect(JSON.parse(readFileSync(await copy.path(), 'utf8')).profile.personal.first_name).toBe('Maija');
  const answer = staff.page.getByLabel(/Answer to the customer/);
  await answer.fill('Corrected. Congratulations!');
  // Starting the handling keeps the answer being written.
  await staff.page.getByRole('button', { name: 'Start handling' }).click();
  await expect(staff.page.locator('[data-field="status"]')).toHaveText('In progress');
  await expect(answer).toHaveValue('Corrected. Congratulations!');
  await staff.page.getByRole('button', { name: 'Complete: send the answer' }).click();
  await expect(staff.page.locator('[data-field="status"]')).toHaveText('Completed');
  await expect(staff.page.getByRole('region', { name: 'Trail' })).toContainText('Helena Kallio');
  await expect(staff.page.getByRole('region', { name: 'Trail' })).toContainText('Data downloaded');
  await staff.context.close();

  // The customer sees the answer, the new value and the history entry.
  await page.reload();
  await expect(mine).toContainText('Completed');
  await expect(mine).toContainText('Corrected. Congratulations!');
  await page.getByRole('link', { name: 'My details' }).first().click();
  const profile = new ProfilePage(page);
  await profile.expectLoaded('My details');
  await expect(profile.field('last-name')).toContainText(proposed);
  const history = profile.section('Change history').locator('tbody tr').first();
  await expect(history).toContainText('Last name');
  await expect(history).toContainText(proposed);
  await expect(history).toContainText('Customer service');
});

test('the data export downloads and parses as JSON', async ({ page }) => {
  await customerSignedIn(page);
  await page.getByRole('link', { name: 'Requests' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inspection and correction requests' })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download my data (JSON)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^kleverapp-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(data.profile.personal.first_name).toBe('Maija');
  for (const key of ['profile', 'billing', 'change_history', 'consent_log', 'requests', 'purposes', 'categories', 'recipients', 'retention', 'sources', 'automated_decisions']) {
    expect(data, key).toHaveProperty(key);
  }
  expect(data.sources.join(' ')).toContain('Instantor');
});

test('an inspection request is sent once however often it is clicked', async ({ page }) => {
  await customerSignedIn(page);
  await page.goto('/requests');
  // The screen's code arrives after the page (a chunk of its own): the list is loaded only
  // once the heading is there and nothing is loading.
  await expect(page.getByRole('heading', { level: 1, name: 'Inspection and correction requests' })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  const before = await page.locator('.request-card', { hasText: 'Inspection request' }).count();
  const send = page.getByRole('button', { name: 'Send an inspection request' });
  await send.click();
  // Asked once more, then sent once however often the answer is clicked.
  await expect(page.getByRole('heading', { name: 'Send the inspection request?' })).toBeFocused();
  await page.getByRole('button', { name: 'Yes, send it' }).dblclick();
  const panel = page.getByRole('status').filter({ hasText: 'Your request has been received' });
  await expect(panel).toBeFocused();
  await expect(panel.locator('.reference')).toHaveText(/^\d{4}-\d{5}$/);
  await expect(send).toBeDisabled();
  await expect(page.locator('.request-card', { hasText: 'Inspection request' })).toHaveCount(before + 1);

  // An open request can be cancelled by the customer, after saying so twice.
  const card = page.locator('.request-card', { hasText: 'Inspection request' }).first();
  await card.getByRole('button', { name: 'Cancel request' }).click();
  await card.getByRole('button', { name: 'No, keep it' }).click();
  await expect(card).toContainText('Received');
  await card.getByRole('button', { name: 'Cancel request' }).click();
  await card.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(page.locator('.request-card', { hasText: 'Inspection request' }).first()).toContainText('Cancelled');
});

test('customer and staff screens keep each other out', async ({ page, browser }) => {
  await customerSignedIn(page);
  await page.goto('/staff');
  await expect(page).toHaveURL(/\/staff\/signin$/);

  const staff = await staffPage(browser);
  await staff.page.goto('/profile');
  await expect(staff.page).toHaveURL(/\/signin\?next=%2Fprofile$/);
  await staff.context.close();
});

test('beside the download, the same data is a readable, printable page', async ({ page }) => {
  await customerSignedIn(page);
  await page.goto('/requests');
  await page.getByRole('link', { name: 'Show my data as a page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'All your data' })).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  for (const region of ['Personal details', 'Contact details', 'Invoices and payments', 'Change history', 'History of your choices', 'My requests']) {
    await expect(page.getByRole('region', { name: region })).toBeVisible();
  }
  await expect(page.locator('[data-field="email"] .value')).toHaveText(MAIJA.email);
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  // On paper only the data: no links to act on, no frame around it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
});
