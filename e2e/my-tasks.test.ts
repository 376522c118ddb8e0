import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

interface MyTask { id: string; projectId: string; projectCode: string; name: string; late: boolean; status: string }

/** The "My tasks" card on the delivery home. */
class MyTasksCard {
  constructor(private page: Page) {}
  card = () => this.page.getByTestId('my-tasks-card');
  async goto() {
    await this.page.goto('/delivery');
    await this.card().waitFor();
    await new AppShell(this.page).waitUntilSettled();
  }
  /** The task ids of the rows shown, top to bottom. */
  rowIds = () => this.page.locator('[data-testid="my-tasks"] tr[data-testid="my-task-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-task-id')));
  row = (id: string) => this.page.locator(`[data-testid="my-tasks"] tr[data-task-id="${id}"]`);
  async waitForRows(n: number) {
    await this.page
      .waitForFunction((count) => document.querySelectorAll('[data-testid="my-tasks"] tr[data-testid="my-task-row"]').length === count, n, { timeout: 10_000 })
      .catch(async (e) => {
        await screenshot(this.page, 'my-tasks-debug');
        throw new Error(`wanted ${n} rows, have ${await this.page.locator('[data-testid="my-tasks"] tr[data-testid="my-task-row"]').count()}: ${String(e)}`);
      });
  }
}

describe('my tasks: a team member finds their tasks on the delivery home', () => {
  it('dev1 (member1@) sees their open tasks (as the API lists them), opens a project, and reads the card in Chinese', async () => {
    const { page } = await suite.signedIn('dev1');
    const api = await suite.apiAs('dev1');
    const first = await api<{ items: MyTask[]; nextCursor: string | null }>('GET', '/me/tasks?status=open&limit=10');
    expect(first.items.length).toBeGreaterThan(0);

    const card = new MyTasksCard(page);
    await card.goto();
    await card.waitForRows(first.items.length);
    expect(await card.rowIds()).toEqual(first.items.map((x) => x.id));
    expect(await card.card().locator('.ant-card-head-title').textContent()).toBe('My tasks');
    const top = first.items[0];
    expect(await card.row(top.id).textContent()).toContain(top.name);
    expect(await card.row(top.id).textContent()).toContain(top.projectCode);
    // The late tag is shown exactly on the late rows.
    for (const x of first.items) expect(await card.row(x.id).getByTestId('my-task-late').count(), x.name).toBe(x.late ? 1 : 0);

    // "Load more" brings the next page when there is one.
    let openShown = first.items.length;
    if (first.nextCursor) {
      const second = await api<{ items: MyTask[] }>('GET', `/me/tasks?status=open&limit=10&cursor=${first.nextCursor}`);
      await page.getByTestId('my-tasks-more').click();
      await card.waitForRows(first.items.length + second.items.length);
      expect(await card.rowIds()).toEqual([...first.items, ...second.items].map((x) => x.id));
      openShown += second.items.length;
    }

    // The done toggle lists the finished ones.
    const done = await api<{ items: MyTask[] }>('GET', '/me/tasks?status=done&limit=10');
    await page.getByTestId('my-tasks-done').click();
    await card.waitForRows(done.items.length);
    expect(await card.rowIds()).toEqual(done.items.map((x) => x.id));
    await page.getByTestId('my-tasks-open').click();
    await card.waitForRows(openShown); // the pages already loaded stay

    // A task's link opens its project.
    await page.getByTestId(`my-task-link-${top.id}`).click();
    await page.waitForURL(`**/delivery/projects/${top.projectId}`);
    await new AppShell(page).waitUntilShown();

    await new AppShell(page).switchLanguage('zh-CN');
    await card.goto();
    await card.waitForRows(first.items.length);
    expect(await card.card().locator('.ant-card-head-title').textContent()).toBe('我的任务');
    expect(await card.card().textContent()).toContain('完成日期');
    await screenshot(page, 'my-tasks-zh-CN');
  });

  it('someone with no assigned tasks does not get the card', async () => {
    const { page } = await suite.signedIn('exec');
    const api = await suite.apiAs('exec');
    expect((await api<{ items: unknown[] }>('GET', '/me/tasks')).items).toEqual([]);
    await page.goto('/delivery');
    await new AppShell(page).waitUntilShown();
    await new AppShell(page).waitUntilSettled();
    expect(await page.getByTestId('my-tasks-card').count()).toBe(0);
  });
});
