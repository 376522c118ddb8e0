import type { Page } from 'playwright-core';
import { inputOf } from '../browser.js';

/** A project's "Quality" and "Changes" tabs: deliverables, reviews, defects and change requests. */
export class QualityPage {
  constructor(private page: Page) {}

  async goto(projectId: string, tab: 'quality' | 'changes' = 'quality') {
    await this.page.goto(`/delivery/projects/${projectId}?tab=${tab}`);
    await this.page.getByTestId(tab === 'quality' ? 'quality-tab' : 'changes-tab').waitFor();
    await this.settled();
  }

  async settled() {
    await this.page.waitForFunction(() => !document.querySelector('.ant-table .ant-spin-spinning'));
  }

  /** Picks an option of an antd Select by its label (retried: a click while the list slides open can be lost). */
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
    await open.first().waitFor({ state: 'hidden' });
  }

  deliverableRow(name: string) {
    return this.page.getByTestId('deliverable-table').locator('tr.ant-table-row', { hasText: name });
  }

  defectRow(title: string) {
    return this.page.getByTestId('defect-table').locator('tr.ant-table-row', { hasText: title });
  }

  changeRow(title: string) {
    return this.page.getByTestId('change-table').locator('tr.ant-table-row', { hasText: title });
  }

  /** Waits until the deliverable's status tag shows the status (lists refetch after every write). */
  async waitForStatus(name: string, status: string) {
    await this.deliverableRow(name).locator(`[data-testid="deliverable-status"][data-status="${status}"]`).waitFor();
  }

  private waitFor(method: string, pattern: RegExp) {
    return this.page.waitForResponse((r) => r.request().method() === method && pattern.test(new URL(r.url()).pathname));
  }

  async createDeliverable(d: { name: string; description: string; dueDate: string; criteria: string[] }) {
    await this.page.getByTestId('deliverable-create').click();
    await this.page.getByTestId('deliverable-drawer').waitFor();
    await this.page.getByTestId('deliverable-name').fill(d.name);
    await this.page.getByTestId('deliverable-description').fill(d.description);
    const due = inputOf(this.page, 'deliverable-due');
    await due.click();
    await due.fill(d.dueDate);
    await due.press('Enter');
    for (const [i, text] of d.criteria.entries()) {
      await this.page.getByTestId('criterion-add').click();
      await this.page.getByTestId(`criterion-text-${i}`).fill(text);
    }
    const created = this.waitFor('POST', /\/api\/v1\/projects\/[^/]+\/deliverables$/);
    await this.page.getByTestId('deliverable-save').click();
    const res = await created;
    if (res.status() !== 201) throw new Error(`creating the deliverable answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('deliverable-drawer').waitFor({ state: 'detached' });
    await this.deliverableRow(d.name).waitFor();
    return (await res.json()) as { id: string; criteriaTotal: number };
  }

  /** Opens the review dialog of a deliverable, fills it, submits it, and answers the server's response. */
  async review(name: string, r: { result: string; criteria?: number[]; defects?: { title: string; severity: string; assignee?: string }[]; comments?: string }) {
    await this.deliverableRow(name).getByTestId('deliverable-review').click();
    await this.page.getByTestId('review-result').waitFor();
    await this.page.getByTestId('review-result').getByText(r.result, { exact: true }).click();
    for (const i of r.criteria ?? []) {
      const box = inputOf(this.page, `review-criterion-${i}`);
      if (!(await box.isChecked())) await box.check();
    }
    for (const [i, d] of (r.defects ?? []).entries()) {
      await this.page.getByTestId('review-defect-add').click();
      await this.page.getByTestId(`review-defect-title-${i}`).fill(d.title);
      await this.choose(`review-defect-severity-${i}`, d.severity);
      if (d.assignee) await this.choose(`review-defect-assignee-${i}`, d.assignee);
    }
    if (r.comments) await this.page.getByTestId('review-comments').fill(r.comments);
    const saved = this.waitFor('POST', /\/api\/v1\/deliverables\/[^/]+\/reviews$/);
    await this.page.getByTestId('review-submit').click();
    return saved;
  }

  /** Moves a defect to a status through its drawer (the PM's edit). */
  async moveDefect(title: string, status: string) {
    await this.defectRow(title).getByTestId('defect-edit').click();
    await this.page.getByTestId('defect-drawer').waitFor();
    await this.choose('defect-status-select', status);
    const saved = this.waitFor('PATCH', /\/api\/v1\/defects\/[^/]+$/);
    await this.page.getByTestId('defect-save').click();
    const res = await saved;
    if (res.status() !== 200) throw new Error(`saving the defect answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('defect-drawer').waitFor({ state: 'detached' });
  }

  async raiseChange(c: { title: string; scope: string; days: number; cost: number }) {
    await this.page.getByTestId('change-create').click();
    await this.page.getByTestId('change-drawer').waitFor();
    await this.page.getByTestId('change-title').fill(c.title);
    await this.page.getByTestId('change-scope').fill(c.scope);
    await inputOf(this.page, 'change-schedule-days').fill(String(c.days));
    await inputOf(this.page, 'change-cost-amount').fill(String(c.cost));
    const created = this.waitFor('POST', /\/api\/v1\/projects\/[^/]+\/change-requests$/);
    await this.page.getByTestId('change-submit').click();
    const res = await created;
    if (res.status() !== 201) throw new Error(`raising the change answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('change-drawer').waitFor({ state: 'detached' });
    await this.changeRow(c.title).waitFor();
    return (await res.json()) as { id: string; code: string; status: string; costImpact: number; scheduleImpactDays: number };
  }

  async decideChange(title: string, decision: 'approve' | 'reject', note: string) {
    await this.changeRow(title).getByTestId('change-open').click();
    await this.page.getByTestId('change-drawer').waitFor();
    await this.page.getByTestId('change-decision-note').fill(note);
    const decided = this.waitFor('POST', /\/api\/v1\/change-requests\/[^/]+\/decide$/);
    await this.page.getByTestId(`change-${decision}`).click();
    const res = await decided;
    if (res.status() !== 200) throw new Error(`deciding answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('change-drawer').waitFor({ state: 'detached' });
    return (await res.json()) as { status: string; decisionNote: string };
  }
}
