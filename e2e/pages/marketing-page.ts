import { expect, type Locator, type Page } from '@playwright/test';

/** The marketing-choices screen, in English. Switches are found by role and name. */
export class MarketingPage {
  readonly saved: Locator;
  readonly failed: Locator;

  constructor(readonly page: Page) {
    this.saved = page.getByRole('status').filter({ hasText: 'Your choice is saved.' });
    this.failed = page.getByRole('alert').filter({ hasText: 'could not be saved' });
  }

  async goto() {
    await this.page.goto('/profile/marketing');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Marketing choices' })).toBeVisible();
    await expect(this.switch('Klever may send me direct marketing')).toBeVisible();
  }

  switch(name: string): Locator {
    return this.page.getByRole('switch', { name, exact: true });
  }

  /** Turns a switch on ("Klever may") or off, waiting for the save to be confirmed beside it. */
  async set(name: string, on: boolean) {
    const control = this.switch(name);
    if ((await control.getAttribute('aria-checked')) === String(on)) return;
    await control.click();
    await expect(control).toHaveAttribute('aria-checked', String(on));
    await expect(this.saved).toHaveCount(1);
    await expect(this.row(name)).toContainText('✓ Saved');
  }

  /** The row of a switch: its label, state words and the line under it. */
  row(name: string): Locator {
    return this.page.locator('.switch-row').filter({ has: this.switch(name) });
  }

  logRows(choice: string): Locator {
    return this.page.getByRole('region', { name: 'History of your choices' }).getByRole('row', { name: new RegExp(choice) });
  }
}
