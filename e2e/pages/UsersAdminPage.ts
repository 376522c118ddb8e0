import type { Page } from 'playwright-core';
import { inputOf } from '../browser.js';

export interface NewUser {
  name: string;
  email: string;
  /** Set a password now instead of sending an invitation. */
  password?: string;
}

export class UsersAdminPage {
  constructor(private page: Page) {}

  async goto() {
    await this.page.goto('/admin/users');
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded() {
    await this.page.getByTestId('users-table').waitFor();
    await this.page.locator('[data-testid="users-table"] .ant-table-row').first().waitFor();
  }

  async openCreate() {
    await this.page.getByTestId('create-user').click();
    await this.page.getByTestId('create-user-form').waitFor();
  }

  async fillNew(user: NewUser) {
    await this.page.getByTestId('user-name-input').fill(user.name);
    await this.page.getByTestId('user-email-input').fill(user.email);
    if (user.password) {
      await this.page.getByTestId('access-password').click();
      await this.page.getByTestId('user-password-input').fill(user.password);
    }
  }

  async submitCreate() {
    await this.page.getByTestId('create-user-submit').click();
  }

  /** Creates the user by invitation and answers the invitation link the page shows. */
  async createInvited(user: NewUser): Promise<string> {
    await this.openCreate();
    await this.fillNew(user);
    await this.submitCreate();
    const link = this.page.getByTestId('invitation-url');
    await link.waitFor();
    const url = (await link.textContent())?.trim() ?? '';
    await this.page.getByTestId('invitation-done').click();
    await this.page.getByTestId('invitation-url').waitFor({ state: 'detached' });
    return url;
  }

  async search(q: string) {
    const box = inputOf(this.page, 'users-search');
    await box.fill(q);
    await Promise.all([this.page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/users' && new URL(r.url()).searchParams.get('q') === q), box.press('Enter')]);
  }

  row(email: string) {
    return this.page.locator('[data-testid="users-table"] .ant-table-row', { hasText: email });
  }

  status(email: string) {
    return this.page.getByTestId(`status-${email}`);
  }

  async openEdit(email: string) {
    await this.page.getByTestId(`edit-${email}`).click();
    await this.page.getByTestId('edit-user-drawer').waitFor();
  }
}
