import { expect, type Locator, type Page } from '@playwright/test';

/** The contact-details form, in English (the tests run with an en-GB browser). */
export class EditPage {
  readonly email: Locator;
  readonly phone: Locator;
  readonly street: Locator;
  readonly postalCode: Locator;
  readonly city: Locator;
  readonly country: Locator;
  readonly language: Locator;
  readonly otherInfo: Locator;
  readonly save: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel('Email', { exact: true });
    this.phone = page.getByLabel('Phone', { exact: true });
    this.street = page.getByLabel('Street address');
    this.postalCode = page.getByLabel('Postal code');
    this.city = page.getByLabel('Town or city');
    this.country = page.getByLabel('Country');
    this.language = page.getByLabel('Preferred language');
    this.otherInfo = page.getByLabel('Other details you gave us');
    this.save = page.getByRole('button', { name: 'Save', exact: true });
    this.alert = page.locator('.form-alert[role=alert]');
  }

  async open() {
    await this.page.getByRole('link', { name: /Edit.*Contact details/ }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Edit your contact details' })).toBeVisible();
    await expect(this.email).not.toHaveValue('');
  }

  fieldError(id: string): Locator {
    return this.page.locator(`#${id}-error`);
  }

  conflict(): Locator {
    return this.page.getByRole('group', { name: 'Your details changed meanwhile' });
  }

  reauth(): Locator {
    return this.page.getByRole('group', { name: 'Confirm with your password' });
  }
}
