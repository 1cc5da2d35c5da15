import { expect, type Locator, type Page } from '@playwright/test';

/** The profile overview: each register category is a region named by its heading. */
export class ProfilePage {
  constructor(readonly page: Page) {}

  section(name: string | RegExp): Locator {
    return this.page.getByRole('region', { name });
  }

  /** The value shown for a labelled field (`data-field` marks the row). */
  field(id: string): Locator {
    return this.page.locator(`[data-field="${id}"] dd .value`);
  }

  async expectLoaded(title = 'Omat tietoni') {
    await expect(this.page).toHaveURL(/\/profile(\?saved=1)?$/);
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    // Every section has finished loading.
    await expect(this.page.locator('.loading')).toHaveCount(0);
  }

  signOutButton(name = 'Kirjaudu ulos'): Locator {
    return this.page.getByRole('button', { name });
  }
}
