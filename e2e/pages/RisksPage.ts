import type { Page } from 'playwright-core';

/** A project's "Risks & issues" tab: the matrix, the register, the issues, and their dialogs. */
export class RisksPage {
  constructor(private page: Page) {}

  async goto(projectId: string) {
    await this.page.goto(`/delivery/projects/${projectId}?tab=risks`);
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded() {
    await this.page.getByTestId('risks-tab').waitFor();
    await this.page.getByTestId('risk-matrix').waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="risks-tab"] .ant-spin-spinning'));
  }

  /**
   * Picks an option of an antd Select by its label. A click that lands while the list is still
   * sliding open can be lost, so the choice is checked on the select and retried.
   */
  async choose(testId: string, label: string) {
    const select = this.page.getByTestId(testId);
    const open = this.page.locator('.ant-select-dropdown:visible');
    for (let attempt = 1; ; attempt++) {
      if (!(await open.count())) await select.click();
      const option = open.locator('.ant-select-item-option', { hasText: label }).first();
      await option.waitFor();
      await option.click();
      const chosen = await this.page
        .waitForFunction(([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(text as string), [testId, label] as const, { timeout: 2000 })
        .then(() => true, () => false);
      if (chosen) break;
      if (attempt === 3) throw new Error(`could not choose "${label}" in ${testId}`);
    }
    // Let the list close before the next field: an open one lies over the fields below it.
    await open.first().waitFor({ state: 'hidden' });
  }

  cell(probability: number, impact: number) {
    return this.page.getByTestId(`risk-cell-${probability}-${impact}`);
  }

  async cellCount(probability: number, impact: number) {
    return Number(await this.cell(probability, impact).getAttribute('data-count'));
  }

  /** Waits until a cell shows the count (the matrix refetches after every write). */
  async waitForCellCount(probability: number, impact: number, count: number) {
    await this.page.waitForFunction(([sel, n]) => document.querySelector(sel as string)?.getAttribute('data-count') === String(n), [`[data-testid="risk-cell-${probability}-${impact}"]`, count] as const);
  }

  riskRow(title: string) {
    return this.page.getByTestId('risk-table').locator('tr.ant-table-row', { hasText: title });
  }

  issueRow(title: string) {
    return this.page.getByTestId('issue-table').locator('tr.ant-table-row', { hasText: title });
  }

  async registerTitles() {
    return this.page.getByTestId('risk-table').getByTestId('risk-title-cell').allTextContents();
  }

  async createRisk(r: { title: string; cause?: string; probability: string; impact: string; owner?: string; responsePlan?: string }) {
    await this.page.getByTestId('risk-create').click();
    await this.page.getByTestId('risk-drawer').waitFor();
    await this.page.getByTestId('risk-title').fill(r.title);
    if (r.cause) await this.page.getByTestId('risk-cause').fill(r.cause);
    await this.choose('risk-probability', r.probability);
    await this.choose('risk-impact', r.impact);
    if (r.owner) await this.choose('risk-owner', r.owner);
    if (r.responsePlan) await this.page.getByTestId('risk-response-plan').fill(r.responsePlan);
    const created = this.page.waitForResponse((res) => res.request().method() === 'POST' && /\/api\/v1\/projects\/[^/]+\/risks$/.test(new URL(res.url()).pathname));
    await this.page.getByTestId('risk-save').click();
    const res = await created;
    if (res.status() !== 201) throw new Error(`creating the risk answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('risk-drawer').waitFor({ state: 'detached' });
    await this.riskRow(r.title).waitFor();
    return (await res.json()) as { id: string; score: number; band: string };
  }
}
