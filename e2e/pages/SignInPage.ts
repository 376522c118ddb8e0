import type { Page } from 'playwright-core';

export class SignInPage {
  constructor(private page: Page) {}

  async goto(next?: string) {
    await this.page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    await this.waitUntilShown();
  }

  async waitUntilShown() {
    await this.page.getByTestId('sign-in-form').waitFor();
  }

  async isShown() {
    return this.page.getByTestId('sign-in-form').isVisible();
  }

  async fill(email: string, password: string) {
    await this.page.getByTestId('sign-in-email').fill(email);
    await this.page.getByTestId('sign-in-password').fill(password);
  }

  /** Signs in and waits until the app has left the sign-in page. */
  async signIn(email: string, password: string) {
    await this.fill(email, password);
    await Promise.all([this.page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), this.page.getByTestId('sign-in-submit').click()]);
  }

  /** Submits and waits for the error the page shows. */
  async signInExpectingError(email: string, password: string): Promise<string> {
    await this.fill(email, password);
    await this.page.getByTestId('sign-in-submit').click();
    const alert = this.page.getByTestId('sign-in-error');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }
}
