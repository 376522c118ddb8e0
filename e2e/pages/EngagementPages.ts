import type { Page } from 'playwright-core';

/** Picks an option of an antd Select by its label, retrying a click lost while the list slides open. */
export async function choose(page: Page, testId: string, label: string) {
  const select = page.getByTestId(testId);
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 1; ; attempt++) {
    if (!(await open.count())) await select.click();
    const option = open.locator('.ant-select-item-option', { hasText: label }).first();
    await option.waitFor();
    await option.click();
    const chosen = await page
      .waitForFunction(([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(text as string), [testId, label] as const, { timeout: 2000 })
      .then(() => true, () => false);
    if (chosen) break;
    if (attempt === 3) throw new Error(`could not choose "${label}" in ${testId}`);
  }
  // Let the list close before the next field (an open one lies over the fields below it); a
  // searchable select may keep its list open after the choice: a click on the drawer's title closes it
  // (Escape would close the drawer too).
  const closed = await open.first().waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false);
  if (!closed) {
    await page.locator('.ant-drawer-title:visible').first().click();
    await open.first().waitFor({ state: 'hidden' });
  }
}

/** A project's "Stakeholders" tab: the grid, the register and the communication plan. */
export class StakeholdersPage {
  constructor(private page: Page) {}

  async goto(projectId: string) {
    await this.page.goto(`/delivery/projects/${projectId}?tab=stakeholders`);
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded() {
    await this.page.getByTestId('stakeholders-tab').waitFor();
    await this.page.getByTestId('stakeholder-grid').waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="stakeholders-tab"] .ant-spin-spinning'));
  }

  dot(name: string) {
    return this.page.locator(`[data-testid="stakeholder-dot"][data-name="${name}"]`);
  }

  commRow(topic: string) {
    return this.page.getByTestId('comm-table').locator('tr.ant-table-row', { hasText: topic });
  }

  async addStakeholder(v: { name: string; organisation: string; role: string; influence: string; interest: string; attitude: string; expectations: string }) {
    await this.page.getByTestId('stakeholder-add').click();
    await this.page.getByTestId('stakeholder-name').fill(v.name);
    await this.page.getByTestId('stakeholder-organisation').fill(v.organisation);
    await this.page.getByTestId('stakeholder-role').fill(v.role);
    await choose(this.page, 'stakeholder-influence', v.influence);
    await choose(this.page, 'stakeholder-interest', v.interest);
    await choose(this.page, 'stakeholder-attitude', v.attitude);
    await this.page.getByTestId('stakeholder-expectations').fill(v.expectations);
    const created = this.page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/projects\/[^/]+\/stakeholders$/.test(r.url()));
    await this.page.getByTestId('stakeholder-save').click();
    const res = await created;
    if (res.status() !== 201) throw new Error(`adding a stakeholder answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('stakeholder-drawer').waitFor({ state: 'hidden' });
    return (await res.json()) as { id: string; quadrant: string };
  }

  /** Adds an item due today (the date picker's default). */
  async addItem(v: { topic: string; audience: string; channel: string; frequency: string; owner: string }) {
    await this.page.getByTestId('comm-add').click();
    await this.page.getByTestId('comm-topic').fill(v.topic);
    await this.page.getByTestId('comm-audience').fill(v.audience);
    await choose(this.page, 'comm-channel', v.channel);
    await choose(this.page, 'comm-frequency', v.frequency);
    await choose(this.page, 'comm-owner', v.owner);
    const created = this.page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/projects\/[^/]+\/communications$/.test(r.url()));
    await this.page.getByTestId('comm-save').click();
    const res = await created;
    if (res.status() !== 201) throw new Error(`adding a communication item answered ${res.status()}: ${await res.text()}`);
    await this.page.getByTestId('comm-drawer').waitFor({ state: 'hidden' });
    return (await res.json()) as { id: string; nextDueDate: string; due: boolean };
  }
}

/** The header's notification bell. */
export class NotificationBellPage {
  constructor(private page: Page) {}

  async badgeCount() {
    const text = await this.page.getByTestId('notification-badge').locator('.ant-scroll-number').first().getAttribute('title').catch(() => null);
    return Number(text ?? 0);
  }

  async open() {
    await this.page.getByTestId('notification-bell').click();
    await this.page.getByTestId('notification-list').waitFor();
  }

  item(title: string) {
    return this.page.getByTestId('notification-item').filter({ hasText: title });
  }
}

/** A project's "Status reports" tab. */
export class ReportsPage {
  constructor(private page: Page) {}

  async goto(projectId: string) {
    await this.page.goto(`/delivery/projects/${projectId}?tab=reports`);
    await this.page.getByTestId('reports-tab').waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="reports-tab"] .ant-spin-spinning'));
  }

  historyRows() {
    return this.page.getByTestId('report-history').locator('tr.ant-table-row');
  }
}
