import type { Page } from 'playwright-core';
import { inputOf } from '../browser.js';

/** A project's closing tab: checklist, acceptance, retrospective, lessons, close. */
export class ClosingTab {
  constructor(private page: Page) {}

  async goto(projectId: string) {
    await this.page.goto(`/delivery/projects/${projectId}?tab=closing`);
    await this.page.getByTestId('closing-tab').waitFor();
  }

  gaps() {
    return this.page.locator('[data-testid^="closing-gap-"]').evaluateAll((els) => els.map((e) => (e.getAttribute('data-testid') ?? '').replace('closing-gap-', '')));
  }

  /** Clicks "Close the project" and confirms. */
  async close() {
    await this.page.getByTestId('closing-close').click();
    await this.page.getByTestId('closing-close-ok').click();
  }

  async tickAll() {
    const n = await this.page.getByTestId('closing-item').count();
    for (let i = 0; i < n; i++) {
      const item = this.page.getByTestId('closing-item').nth(i);
      if ((await item.getAttribute('data-done')) === 'true') continue;
      const saved = this.page.waitForResponse((r) => r.url().includes('/api/v1/closing-items/') && r.request().method() === 'PATCH');
      await this.page.getByTestId(`closing-item-check-${i}`).click();
      await saved;
      await this.page.locator(`[data-testid="closing-item"][data-done="true"]`).nth(i).waitFor();
    }
  }

  async recordAcceptance(v: { acceptedBy: string; acceptedOn: string; wentWell: string; wentBadly?: string }) {
    await inputOf(this.page, 'closing-accepted-by').fill(v.acceptedBy);
    const date = inputOf(this.page, 'closing-accepted-on');
    await date.click();
    await date.fill(v.acceptedOn);
    await date.press('Enter');
    await this.page.getByTestId('closing-went-well').fill(v.wentWell);
    if (v.wentBadly) await this.page.getByTestId('closing-went-badly').fill(v.wentBadly);
    const saved = this.page.waitForResponse((r) => r.url().endsWith('/closing') && r.request().method() === 'PUT');
    await this.page.getByTestId('closing-save').click();
    const res = await saved;
    if (res.status() !== 200) throw new Error(`saving the acceptance answered ${res.status()}: ${await res.text()}`);
  }

  async addLesson(l: { title: string; whatHappened: string; why: string; recommendation: string }) {
    await this.page.getByTestId('lesson-add').click();
    await this.page.getByTestId('lesson-title-input').fill(l.title);
    await this.page.getByTestId('lesson-what').fill(l.whatHappened);
    await this.page.getByTestId('lesson-why').fill(l.why);
    await this.page.getByTestId('lesson-recommendation').fill(l.recommendation);
    const saved = this.page.waitForResponse((r) => r.url().endsWith('/lessons') && r.request().method() === 'POST');
    await this.page.getByTestId('lesson-save').click();
    const res = await saved;
    if (res.status() !== 201) throw new Error(`adding the lesson answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('closing-lessons').getByText(l.title).waitFor();
  }
}

/** The lessons-learned library. */
export class LessonsLibrary {
  constructor(private page: Page) {}

  async waitUntilLoaded() {
    await this.page.getByTestId('lessons-search').waitFor();
    await this.page.waitForFunction(() => !document.querySelector('.ant-skeleton'));
  }

  async search(words: string) {
    const done = this.page.waitForResponse((r) => r.url().includes('/api/v1/lessons?') && r.url().includes('q='));
    await inputOf(this.page, 'lessons-search').fill(words);
    await inputOf(this.page, 'lessons-search').press('Enter');
    await done;
    await this.page.waitForFunction(() => !document.querySelector('.ant-skeleton'));
  }

  titles() {
    return this.page.getByTestId('lesson-title').allTextContents();
  }
}

/** The portfolio page. */
export class PortfolioView {
  constructor(private page: Page) {}

  async waitUntilLoaded() {
    await this.page.getByTestId('portfolio-table').waitFor();
    await this.page.getByTestId('portfolio-row').first().waitFor();
    await this.page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'));
  }

  rowIds() {
    return this.page.getByTestId('portfolio-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-project-id') ?? ''));
  }

  /** Clicks the project link of a row. */
  async openRow(projectId: string) {
    await this.page.locator(`[data-testid="portfolio-row"][data-project-id="${projectId}"] [data-testid="portfolio-project-link"]`).click();
  }
}
