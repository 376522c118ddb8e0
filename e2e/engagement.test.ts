import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { NotificationBellPage, ReportsPage, StakeholdersPage } from './pages/EngagementPages.js';
import { SignInPage } from './pages/SignInPage.js';
import { browserSuite } from './suite.js';
import { systemClock } from '../src/server/lib/clock.js';
import { sweepCommunicationReminders } from '../src/server/modules/engagement/reminders.js';

/** pm1's executing project the first test works on; the second looks at it in Chinese. */
let projectId = '';

const suite = browserSuite();
const signedIn = (key: string, lang: 'en' | 'zh-CN' = 'en') => suite.signedIn(key, lang);

describe('engagement: stakeholders, the communication plan with reminders, and weekly status reports', () => {
  it('adds a stakeholder onto the grid, plans a communication due today, is reminded by the bell, marks it done; drafts, edits and submits this week\'s report', async () => {
    const { page } = await signedIn('pm1');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { user: { id: string; name: string } };
    const projects = (await (await page.request.get('/api/v1/projects?status=executing&limit=50')).json()) as { items: { id: string; managerId: string }[] };
    const project = projects.items.find((p) => p.managerId === me.user.id);
    expect(project).toBeDefined();
    projectId = project!.id;

    // Stakeholders: a new one lands on the grid in its quadrant.
    const tab = new StakeholdersPage(page);
    await tab.goto(projectId);
    expect(await tab.dot('Grace Hopper').count()).toBe(0);
    const s = await tab.addStakeholder({ name: 'Grace Hopper', organisation: 'Customer IT', role: 'CTO', influence: '5', interest: '4', attitude: 'Champion', expectations: 'No downtime during the cut-over' });
    expect(s.quadrant).toBe('manage_closely');
    await tab.dot('Grace Hopper').waitFor();
    expect(await tab.dot('Grace Hopper').getAttribute('data-quadrant')).toBe('manage_closely');
    // Clicking the dot opens the stakeholder.
    await tab.dot('Grace Hopper').click();
    await page.getByTestId('stakeholder-drawer').waitFor();
    expect(await page.getByTestId('stakeholder-name').inputValue()).toBe('Grace Hopper');
    await page.keyboard.press('Escape');
    await page.getByTestId('stakeholder-drawer').waitFor({ state: 'hidden' });

    // A communication item due today, owned by pm1.
    const item = await tab.addItem({ topic: 'Cut-over briefing', audience: 'Customer IT', channel: 'Meeting', frequency: 'Weekly', owner: me.user.name });
    expect(item.due).toBe(true);
    await tab.commRow('Cut-over briefing').getByTestId('comm-due-tag').waitFor();

    // The reminder sweep (as the server's timer runs it): the bell shows it, once.
    expect(await sweepCommunicationReminders(suite.server.database.db, systemClock)).toBeGreaterThanOrEqual(1);
    expect(await sweepCommunicationReminders(suite.server.database.db, systemClock)).toBe(0);
    await page.reload();
    await tab.waitUntilLoaded();
    const bell = new NotificationBellPage(page);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="notification-badge"] .ant-scroll-number')?.getAttribute('title') ?? 0) >= 1);
    const unread = await bell.badgeCount();
    await bell.open();
    const note = bell.item('Communication due: Cut-over briefing');
    await note.waitFor();
    expect(await note.count()).toBe(1);
    expect(await note.getAttribute('data-read')).toBe('false');
    await screenshot(page, 'engagement-notification');
    // Opening it marks it read and leads to the plan.
    const read = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/notifications\/[^/]+\/read$/.test(r.url()));
    await note.click();
    expect((await read).status()).toBe(200);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="notification-badge"] .ant-scroll-number')?.getAttribute('title') ?? 0) === n - 1, unread);
    await tab.waitUntilLoaded();

    // Marked done: the next due date moves a week on.
    const done = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/communications/${item.id}/done`));
    await tab.commRow('Cut-over briefing').getByTestId('comm-done').click();
    const doneRes = await done;
    expect(doneRes.status()).toBe(200);
    const after = (await doneRes.json()) as { nextDueDate: string; lastDoneDate: string; due: boolean };
    expect(after.due).toBe(false);
    expect(Date.parse(after.nextDueDate) - Date.parse(item.nextDueDate)).toBe(7 * 86_400_000);
    await tab.commRow('Cut-over briefing').getByTestId('comm-due-tag').waitFor({ state: 'detached' });
    await screenshot(page, 'engagement-stakeholders');

    // This week's status report, drafted from the data.
    const reports = new ReportsPage(page);
    await reports.goto(projectId);
    const drafted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/api/v1/projects/${projectId}/status-reports/draft`));
    await page.getByTestId('report-draft').click();
    const draftRes = await drafted;
    expect(draftRes.status()).toBe(201);
    const report = (await draftRes.json()) as { id: string; snapshot: { earnedValue: { spi: number | null; cpi: number | null }; topRisks: { title: string }[] } };
    await page.getByTestId('report-view').waitFor();
    expect(await page.getByTestId('report-view').getAttribute('data-status')).toBe('draft');
    expect(report.snapshot.earnedValue.spi).not.toBeNull();
    expect(report.snapshot.earnedValue.cpi).not.toBeNull();
    expect(await page.getByTestId('report-spi').textContent()).toContain(report.snapshot.earnedValue.spi!.toFixed(2));
    expect(await page.getByTestId('report-cpi').textContent()).toContain(report.snapshot.earnedValue.cpi!.toFixed(2));
    expect(report.snapshot.topRisks.length).toBeGreaterThan(0);
    expect(await page.getByTestId('report-risk-title').allTextContents()).toEqual(report.snapshot.topRisks.map((r) => r.title));

    await page.getByTestId('report-summary').fill('Cut-over rehearsed; go-live on track.');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/status-reports/${report.id}`));
    const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/status-reports/${report.id}/submit`));
    await page.getByTestId('report-submit').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    expect((await saved).status()).toBe(200);
    const sub = await submitted;
    expect(sub.status()).toBe(200);
    expect(((await sub.json()) as { summary: string }).summary).toBe('Cut-over rehearsed; go-live on track.');
    await page.waitForFunction(() => document.querySelector('[data-testid="report-view"]')?.getAttribute('data-status') === 'submitted');
    expect(await page.getByTestId('report-summary').isDisabled()).toBe(true);
    // In the history, newest first, submitted; and this week can no longer be drafted again.
    await page.waitForFunction(() => document.querySelector('[data-testid="report-history"] tr.ant-table-row [data-testid="report-status-cell"]')?.textContent === 'Submitted');
    expect(await page.getByTestId('report-draft').count()).toBe(0);
    await screenshot(page, 'engagement-report');
  });

  it('reads in Chinese: the grid, the plan and the report', async () => {
    expect(projectId).not.toBe('');
    const { page } = await signedIn('pm1', 'zh-CN');
    const tab = new StakeholdersPage(page);
    await tab.goto(projectId);
    await tab.dot('Grace Hopper').waitFor();
    expect(await page.getByTestId('quadrant-manage_closely').textContent()).toBe('重点管理');
    expect(await page.getByTestId('comm-table').textContent()).toContain('每周');
    await screenshot(page, 'engagement-stakeholders-zh');
    const reports = new ReportsPage(page);
    await reports.goto(projectId);
    await page.getByTestId('report-view').waitFor();
    expect(await page.getByTestId('report-status').textContent()).toBe('已提交');
    await screenshot(page, 'engagement-report-zh');
  });
});
