import { expect, type Locator, type Page } from '@playwright/test';

export const AINO = { email: 'aino.laine@example.fi', password: 'aino-demo-2026' };
export const ERIK = { email: 'erik.sjoberg@example.fi', password: 'erik-demo-2026' };
/** The customer the editing tests change; the profile tests read only Aino and Erik. */
export const MAIJA = { email: 'maija.virtanen@example.fi', password: 'maija-demo-2026' };

/** The sign-in screen, found the way a person finds it: by labels and roles. */
export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page, labels = { email: 'Sähköposti', password: 'Salasana', submit: 'Kirjaudu' }) {
    this.email = page.getByLabel(labels.email);
    this.password = page.getByLabel(labels.password);
    this.submit = page.getByRole('button', { name: labels.submit, exact: true });
    this.alert = page.locator('.form-alert[role=alert]');
  }

  async goto() {
    await this.page.goto('/signin');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }

  async signIn(who: { email: string; password: string }) {
    await this.email.fill(who.email);
    await this.password.fill(who.password);
    await this.submit.click();
  }
}
