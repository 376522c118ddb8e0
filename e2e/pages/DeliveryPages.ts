import type { Locator, Page } from 'playwright-core';
import { inputOf } from '../browser.js';

export interface NewProject {
  code: string;
  name: string;
  plannedStart: string;
  budgetLabour?: number;
  goals?: string;
}

/** The delivery workspace's home: my projects, all projects, "New project". */
export class DeliveryHomePage {
  constructor(private page: Page) {}

  async goto() {
    await this.page.goto('/delivery');
    await this.waitUntilLoaded();
  }

  async waitUntilLoaded() {
    await this.page.getByTestId('my-projects').waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="my-projects"] .ant-spin-spinning'));
  }

  projectLink(code: string) {
    return this.page.getByTestId(`project-link-${code}`);
  }

  async createProject(p: NewProject) {
    await this.page.getByTestId('create-project').click();
    await this.page.getByTestId('create-project-form').waitFor();
    await this.page.getByTestId('project-code').fill(p.code);
    await this.page.getByTestId('project-name').fill(p.name);
    const start = inputOf(this.page, 'project-start');
    await start.click();
    await start.fill(p.plannedStart);
    await start.press('Enter');
    if (p.budgetLabour !== undefined) await inputOf(this.page, 'project-budget-labour').fill(String(p.budgetLabour));
    if (p.goals) await this.page.getByTestId('project-goals').fill(p.goals);
    await Promise.all([this.page.waitForURL((u) => /^\/delivery\/projects\/[0-9a-f-]{36}$/.test(u.pathname)), this.page.getByTestId('create-project-submit').click()]);
    return new URL(this.page.url()).pathname.split('/').pop()!;
  }
}

/** A project's page and its Gantt chart. */
export class GanttPage {
  constructor(private page: Page) {}

  async goto(projectId: string) {
    await this.page.goto(`/delivery/projects/${projectId}`);
    await this.waitUntilShown();
  }

  async waitUntilShown() {
    await this.page.getByTestId('gantt').waitFor();
  }

  gantt() {
    return this.page.getByTestId('gantt');
  }

  row(name: string): Locator {
    return this.page.locator('[data-testid="gantt-row"]', { has: this.page.locator('[data-col="name"]', { hasText: new RegExp(`^(◆ )?${escape(name)}$`) }) });
  }

  async cell(name: string, col: 'wbs' | 'duration' | 'start' | 'finish' | 'float') {
    return ((await this.row(name).locator(`[data-col="${col}"]`).textContent()) ?? '').trim();
  }

  async taskId(name: string) {
    return (await this.row(name).getAttribute('data-task-id'))!;
  }

  async bar(name: string) {
    return this.page.locator(`[data-testid="gantt-bar"][data-task-id="${await this.taskId(name)}"]`);
  }

  async select(name: string) {
    await this.row(name).click();
    await this.page.waitForFunction((id) => document.querySelector(`[data-testid="gantt-row"][data-task-id="${id}"]`)?.getAttribute('data-selected') === 'true', await this.taskId(name));
  }

  /** The plan is fetched again after every change; this waits for that answer. */
  private planReloaded() {
    return this.page.waitForResponse((r) => r.request().method() === 'GET' && /\/api\/v1\/projects\/[^/]+\/plan$/.test(new URL(r.url()).pathname));
  }

  async addTask(name: string, durationDays: number) {
    await this.page.getByTestId('gantt-add-task').click();
    await this.page.getByTestId('add-task-name').fill(name);
    const duration = inputOf(this.page, 'add-task-duration');
    await duration.fill(String(durationDays));
    const reloaded = this.planReloaded();
    await this.page.getByTestId('add-task-submit').click();
    await reloaded;
    await this.row(name).waitFor();
    await this.page.getByTestId('add-task-form').waitFor({ state: 'detached' });
  }

  async addMilestone(name: string) {
    await this.page.getByTestId('gantt-add-milestone').click();
    await this.page.getByTestId('add-task-name').fill(name);
    const reloaded = this.planReloaded();
    await this.page.getByTestId('add-task-submit').click();
    await reloaded;
    await this.row(name).waitFor();
    await this.page.getByTestId('add-task-form').waitFor({ state: 'detached' });
  }

  async openLinkDialog(from: string) {
    await this.select(from);
    await this.page.getByTestId('gantt-add-link').click();
    await this.page.getByTestId('link-form').waitFor();
  }

  async chooseSuccessor(name: string) {
    const select = this.page.getByTestId('link-successor');
    await select.click();
    await this.page.keyboard.type(name);
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
  }

  /** Links `from` → the next task (the dialog's default successor) or `to`. */
  async link(from: string, to?: string) {
    await this.openLinkDialog(from);
    if (to) await this.chooseSuccessor(to);
    const reloaded = this.planReloaded();
    await this.page.getByTestId('link-submit').click();
    await reloaded;
    await this.page.getByTestId('link-form').waitFor({ state: 'detached' });
  }

  /** Tries a link the server refuses; answers the error the dialog shows, and closes it. */
  async linkExpectingError(from: string, to: string) {
    await this.openLinkDialog(from);
    await this.chooseSuccessor(to);
    await this.page.getByTestId('link-submit').click();
    const alert = this.page.getByTestId('link-error');
    await alert.waitFor();
    return (await alert.textContent()) ?? '';
  }

  /**
   * Closes the open dialog. Escape may first close a dropdown inside it (the successor picker), so
   * it is pressed until the dialog is gone, then the dialog's own close button; the dialog must go.
   */
  async closeDialog() {
    const open = this.page.locator('.ant-modal-wrap:visible');
    for (let i = 0; i < 3 && (await open.count()) > 0; i++) {
      await this.page.keyboard.press('Escape');
      await open.first().waitFor({ state: 'detached', timeout: 2000 }).catch(() => undefined);
    }
    if ((await open.count()) > 0) await this.page.locator('.ant-modal-close:visible').first().click();
    await open.first().waitFor({ state: 'detached' });
  }

  /** Drags a task's bar sideways by a number of pixels and waits for the rescheduled plan. */
  async dragBar(name: string, dx: number) {
    const bar = await this.bar(name);
    const box = (await bar.boundingBox())!;
    const x = box.x + Math.min(20, box.width / 3);
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    for (let i = 1; i <= 8; i++) await this.page.mouse.move(x + (dx * i) / 8, y);
    const saved = this.page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/tasks\//.test(r.url()));
    const reloaded = this.planReloaded();
    await this.page.mouse.up();
    const res = await saved;
    await reloaded;
    return res;
  }

  async zoom(z: 'day' | 'week' | 'month') {
    await this.page.getByTestId(`zoom-${z}`).click();
    await this.page.waitForFunction((zz) => document.querySelector('[data-testid="gantt"]')?.getAttribute('data-zoom') === zz, z);
  }

  async tab(key: 'plan' | 'charter' | 'team' | 'baselines') {
    await this.page.getByTestId(`tab-${key}`).click();
  }

  async saveBaseline(name: string) {
    await this.tab('baselines');
    await this.page.getByTestId('baseline-name').fill(name);
    await this.page.getByTestId('baseline-save').click();
    await this.page.locator('[data-testid="baselines-table"] .ant-table-row', { hasText: name }).waitFor();
    await this.page.locator('[data-testid="variance-table"] .ant-table-row').first().waitFor();
  }
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
