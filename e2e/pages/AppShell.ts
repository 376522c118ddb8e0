import type { Page } from 'playwright-core';

export type Lang = 'zh-CN' | 'en';

/** The signed-in frame: navigation, language switch and user menu. */
export class AppShell {
  constructor(private page: Page) {}

  async waitUntilShown() {
    await this.page.getByTestId('nav').waitFor();
    await this.page.getByTestId('page-title').first().waitFor();
  }

  /** Waits until nothing on the page is still loading (no skeletons, no spinners). */
  async waitUntilSettled() {
    await this.page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning, .ant-table-placeholder .ant-spin'));
  }

  /** The top-level sections in the navigation, by test id (nav-sales, nav-delivery, nav-people, nav-admin); nav-admin-… and nav-delivery-… are their items. */
  async sections(): Promise<string[]> {
    const ids = await this.page.getByTestId('nav').locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids.filter((id) => !id.startsWith('nav-admin-') && !id.startsWith('nav-delivery-') && !id.startsWith('nav-sales-'));
  }

  async adminItems(): Promise<string[]> {
    const ids = await this.page.getByTestId('nav').locator('[data-testid^="nav-admin-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
    return ids;
  }

  navLabel(testId: string) {
    return this.page.getByTestId(testId).textContent();
  }

  async language(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  /** Switches the language and waits until the server has saved it on the user. */
  async switchLanguage(lang: Lang) {
    if ((await this.language()) === lang) return;
    const saved = this.page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
    await this.page.getByTestId(`lang-${lang}`).click();
    const res = await saved;
    if (res.status() !== 200) throw new Error(`saving the language answered ${res.status()}`);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  async openUserMenu() {
    await this.page.getByTestId('user-menu').click();
  }

  async signOut() {
    // A click that lands while the menu is still opening is lost: try again until the request goes.
    for (let attempt = 1; ; attempt++) {
      await this.openUserMenu();
      const sent = this.page.waitForRequest((r) => r.url().endsWith('/api/v1/auth/sign-out'), { timeout: 5_000 });
      await this.page.getByTestId('sign-out').click();
      try {
        await sent;
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.waitForURL((u) => u.pathname === '/sign-in', { timeout: 30_000 });
    await this.page.getByTestId('sign-in-form').waitFor();
  }

  async go(testId: string) {
    await this.page.getByTestId(testId).click();
    await this.page.getByTestId('page-title').first().waitFor();
  }
}
