import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { SignInPage } from './pages/SignInPage.js';
import { ProjectTimeTab, TimesheetWeekPage } from './pages/TimePages.js';
import { demoLogin } from './server.js';
import { browserSuite } from './suite.js';


const suite = browserSuite();
const apiAs = (key: string) => suite.apiAs(key);
/** Signed in with the person's saved language (the tests switch where they read texts). */
const signedIn = async (key: string, locale?: string) => (await suite.signedIn(key, null, locale)).page;

const iso = (d: Date) => d.toISOString().slice(0, 10);
function mondayOf(d: Date) {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
  return x;
}

describe('timesheets: a member logs a week, the PM approves, earned value shows the actual cost', () => {
  it('refuses a day over 24 h, then fills and submits last week, approves it, records and approves an expense, and shows AC on the Earned value tab', async () => {
    // The scene, through the API as pm1: a project started two weeks ago, member1 on its two tasks.
    const pm = await apiAs('pm1');
    const member = demoLogin('dev1');
    const users = await pm('GET', `/users?q=${encodeURIComponent('member1')}`).catch(() => null);
    const memberId: string | undefined = users?.items?.find((u: { email: string }) => u.email === member.email)?.id;
    expect(memberId, 'member1 found through /users').toBeTruthy();
    const lastMonday = mondayOf(new Date(Date.now() - 7 * 86_400_000));
    const start = new Date(lastMonday.getTime() - 7 * 86_400_000);
    const project = await pm('POST', '/projects', { code: `TS${Date.now() % 100000}`, name: 'Timesheet pilot', plannedStart: iso(start), budgetLabour: 5_000_000, budgetExpenses: 1_000_000, status: 'executing' });
    await pm('POST', `/projects/${project.id}/members`, { userId: memberId });
    const task = await pm('POST', `/projects/${project.id}/tasks`, { name: 'Build the thing', durationDays: 15, assignments: [{ userId: memberId, units: 1 }] });
    const docs = await pm('POST', `/projects/${project.id}/tasks`, { name: 'Write the docs', durationDays: 15, assignments: [{ userId: memberId, units: 1 }] });
    await pm('POST', `/projects/${project.id}/baselines`, { name: 'Approved plan' });
    await pm('PATCH', `/tasks/${task.id}`, { version: task.version, percentComplete: 40, status: 'in_progress' });

    // member1 opens their timesheet: the busy demo week draws quickly (only the tasks open in the week).
    const page = await signedIn('dev1');
    await new AppShell(page).switchLanguage('en');
    await page.getByTestId('timesheet-link').click();
    const sheet = new TimesheetWeekPage(page);
    await sheet.waitUntilShown();
    await sheet.previousWeek();
    await sheet.cell(task.id, 0).waitFor();

    // The demo company has logged member1's week already (submitted, on other projects): read what is there.
    const hoursIn = async (testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/[^0-9.]/g, ''));
    const mondayBefore = await hoursIn('day-total-0');
    const weekBefore = await hoursIn('week-total');
    expect(mondayBefore).toBeLessThanOrEqual(8);

    // 16 h + 10 h more on Monday: over 24 h in a day is refused with a message, and nothing is sent.
    let puts = 0;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/timesheets/week')) puts++;
    });
    await sheet.fill(task.id, 0, '16');
    await sheet.fill(docs.id, 0, '10');
    const mondayOver = String(mondayBefore + 26);
    await page.getByTestId('day-total-0').filter({ hasText: mondayOver }).waitFor();
    await page.getByTestId('save-week').click();
    await page.getByTestId('day-error').filter({ hasText: `${mondayOver} h on this day` }).waitFor();
    expect(await page.getByTestId('timesheet-error').textContent()).toContain('Some days need fixing');
    await screenshot(page, 'timesheet-day-over');
    expect(puts).toBe(0);
    await page.reload();
    await sheet.waitUntilShown();
    await sheet.cell(task.id, 0).waitFor();
    expect(await hoursIn('week-total')).toBe(weekBefore);
    expect(await sheet.cell(task.id, 0).inputValue()).toBe('');
    expect(await sheet.cell(docs.id, 0).inputValue()).toBe('');

    // Monday to Friday on the build task, and submit.
    for (let i = 0; i < 5; i++) await sheet.fill(task.id, i, i === 4 ? '6.5' : '8');
    const weekAfter = (weekBefore + 38.5).toLocaleString('en', { maximumFractionDigits: 2 });
    await sheet.total().filter({ hasText: weekAfter }).waitFor();
    expect((await sheet.save()).status()).toBe(200);
    expect((await sheet.submit()).status()).toBe(200);
    await sheet.status().filter({ hasText: 'Submitted' }).waitFor();
    expect(await sheet.cell(task.id, 0).isDisabled()).toBe(true);
    await screenshot(page, 'timesheet-week');

    // pm1 approves each entry on the project's Timesheets tab.
    const pmPage = await signedIn('pm1');
    await new AppShell(pmPage).switchLanguage('en');
    const pmTab = new ProjectTimeTab(pmPage);
    await pmTab.open(project.id);
    const approveButtons = pmTab.approveButtons();
    await approveButtons.first().waitFor();
    expect(await approveButtons.count()).toBe(5);
    await screenshot(pmPage, 'timesheet-approvals');
    for (let n = 5; n > 0; n--) {
      const approved = pmPage.waitForResponse((r) => r.request().method() === 'POST' && /\/timesheet-entries\/[^/]+\/approve$/.test(r.url()));
      await approveButtons.first().click();
      expect((await approved).status()).toBe(200);
      await pmPage.waitForFunction((left) => document.querySelectorAll('[data-testid^="approve-"]:not([data-testid^="approve-expense-"])').length === left, n - 1);
    }

    // member1 records an expense on the project: a negative amount and a word are refused in the form.
    await page.goto(`/delivery/projects/${project.id}?tab=timesheets`);
    const memberTab = new ProjectTimeTab(page);
    await memberTab.openExpenses();
    let posts = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/v1/projects/${project.id}/expenses`)) posts++;
    });
    await memberTab.tryExpense({ amount: '-5' });
    await memberTab.amountError().filter({ hasText: 'cannot be negative' }).waitFor();
    await memberTab.tryExpense({ amount: 'twelve' });
    await memberTab.amountError().filter({ hasText: 'must be a number' }).waitFor();
    await screenshot(page, 'expense-invalid');
    expect(posts).toBe(0);
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/projects/${project.id}/expenses`));
    await memberTab.tryExpense({ amount: '1280.50', date: iso(lastMonday), note: 'Train to the client' });
    expect((await created).status()).toBe(201);
    await memberTab.expenseFormClosed();
    await page.getByTestId('expenses-table').getByText('1,280.50 CNY').waitFor();
    expect(await page.getByTestId('expense-status').first().textContent()).toBe('Submitted');
    expect(await page.getByTestId('record-expense').count()).toBe(1);
    expect(await memberTab.expenseApproveButtons().count()).toBe(0);

    // pm1 approves it.
    await pmTab.openExpenses();
    await pmTab.expenseApproveButtons().first().waitFor();
    expect(await pmTab.expenseApproveButtons().count()).toBe(1);
    await screenshot(pmPage, 'expense-approvals');
    const approvedExpense = pmPage.waitForResponse((r) => r.request().method() === 'POST' && /\/expenses\/[^/]+\/approve$/.test(r.url()));
    await pmTab.expenseApproveButtons().first().click();
    expect((await approvedExpense).status()).toBe(200);
    await pmPage.waitForFunction(() => document.querySelectorAll('[data-testid^="approve-expense-"]').length === 0);

    // The Earned value tab: AC is the approved cost (labour and the expense), the S-curve is drawn.
    await pmPage.getByTestId('tab-earned-value').click();
    await pmPage.getByTestId('s-curve').waitFor();
    await pmPage.locator('[data-testid="s-curve"] svg').first().waitFor();
    const ev = await (await apiAs('pm1'))('GET', `/projects/${project.id}/earned-value`);
    expect(ev.acExpenses).toBe(128050);
    expect(ev.acLabour).toBeGreaterThan(0);
    expect(ev.ac).toBe(ev.acLabour + ev.acExpenses);
    const acText = (await pmPage.locator('[data-testid="evm-ac"] .ant-statistic-content').first().textContent()) ?? '';
    const ac = Number(acText.replace(/[^0-9.]/g, ''));
    expect(ac).toBeCloseTo(ev.ac / 100, 2);
    await screenshot(pmPage, 'earned-value');

    // The same tab in Chinese.
    await new AppShell(pmPage).switchLanguage('zh-CN');
    await pmTab.open(project.id);
    await pmTab.openExpenses();
    expect(await pmPage.getByTestId('time-subtab-expenses').textContent()).toBe('费用');
    expect(await pmPage.getByTestId('expense-status').first().textContent()).toBe('已批准');
    await screenshot(pmPage, 'expenses-zh');
  });
});
