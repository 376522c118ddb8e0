import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSession, screenshot, type Session } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { SignInPage } from './pages/SignInPage.js';
import { DEMO_PASSWORD, demoLogin, startServer, type TestServer } from './server.js';

let server: TestServer;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  const problems = sessions.flatMap((s) => s.problems);
  for (const s of sessions.splice(0)) await s.close();
  expect(problems).toEqual([]);
});

/** A signed-in API client for setting the scene, as the browser would call the API (same origin). */
async function apiAs(key: string) {
  const origin = server.url;
  const res = await fetch(`${origin}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ email: demoLogin(key).email, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${origin}/api/v1${path}`, { method, headers: { cookie, origin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

async function signedIn(key: string, locale?: string): Promise<Page> {
  const s = await openSession(browser, server.url, locale);
  sessions.push(s);
  const { page } = s;
  await page.goto('/');
  const signIn = new SignInPage(page);
  await signIn.waitUntilShown();
  await signIn.signIn(demoLogin(key).email, DEMO_PASSWORD);
  await new AppShell(page).waitUntilShown();
  return page;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
function mondayOf(d: Date) {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
  return x;
}

describe('timesheets: a member logs a week, the PM approves, earned value shows the actual cost', () => {
  it('fills and submits last week, approves it, and shows AC > 0 on the Earned value tab', async () => {
    // The scene, through the API as pm1: a project started two weeks ago, member1 on its one task.
    const pm = await apiAs('pm1');
    const member = demoLogin('dev1');
    const users = await pm('GET', `/users?q=${encodeURIComponent('member1')}`).catch(() => null);
    const memberId: string | undefined = users?.items?.find((u: { email: string }) => u.email === member.email)?.id;
    expect(memberId, 'member1 found through /users').toBeTruthy();
    const lastMonday = mondayOf(new Date(Date.now() - 7 * 86_400_000));
    const start = new Date(lastMonday.getTime() - 7 * 86_400_000);
    const project = await pm('POST', '/projects', { code: `TS${Date.now() % 100000}`, name: 'Timesheet pilot', plannedStart: iso(start), budgetLabour: 5_000_000, status: 'executing' });
    await pm('POST', `/projects/${project.id}/members`, { userId: memberId });
    const task = await pm('POST', `/projects/${project.id}/tasks`, { name: 'Build the thing', durationDays: 15, assignments: [{ userId: memberId, units: 1 }] });
    await pm('POST', `/projects/${project.id}/baselines`, { name: 'Approved plan' });
    await pm('PATCH', `/tasks/${task.id}`, { version: task.version, percentComplete: 40, status: 'in_progress' });

    // member1 fills last week, Monday to Friday, and submits it.
    const page = await signedIn('dev1');
    await page.getByTestId('timesheet-link').click();
    await page.getByTestId('week-label').waitFor().catch(async (e) => {
      await page.screenshot({ path: 'e2e/screenshots/timesheet-debug.png' });
      throw new Error(`${e} at ${page.url()}: ${await page.locator('body').innerText()}`);
    });
    await page.getByTestId('timesheet-grid').waitFor();
    await page.getByTestId('week-prev').click();
    await page.waitForURL(/week=/);
    await page.locator(`[data-testid="cell-${task.id}-0"]`).first().waitFor();
    const cell = (i: number) => page.locator(`input[data-testid="cell-${task.id}-${i}"], [data-testid="cell-${task.id}-${i}"] input`).first();
    for (let i = 0; i < 5; i++) await cell(i).fill(i === 4 ? '6.5' : '8');
    await page.getByTestId('week-total').filter({ hasText: '38.5' }).waitFor();
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/api/v1/timesheets/week'));
    await page.getByTestId('save-week').click();
    expect((await saved).status()).toBe(200);
    const submitted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/v1/timesheets/submit'));
    await page.getByTestId('submit-week').click();
    expect((await submitted).status()).toBe(200);
    await page.getByTestId('week-status').filter({ hasText: 'Submitted' }).waitFor();
    await screenshot(page, 'timesheet-week');

    // pm1 approves each entry on the project's Timesheets tab.
    const pmPage = await signedIn('pm1');
    await pmPage.goto(`/delivery/projects/${project.id}?tab=timesheets`);
    await pmPage.getByTestId('approvals-table').waitFor();
    const approveButtons = pmPage.locator('[data-testid^="approve-"]');
    await approveButtons.first().waitFor();
    expect(await approveButtons.count()).toBe(5);
    await screenshot(pmPage, 'timesheet-approvals');
    for (let n = 5; n > 0; n--) {
      const approved = pmPage.waitForResponse((r) => r.request().method() === 'POST' && /\/timesheet-entries\/[^/]+\/approve$/.test(r.url()));
      await approveButtons.first().click();
      expect((await approved).status()).toBe(200);
      await pmPage.waitForFunction((left) => document.querySelectorAll('[data-testid^="approve-"]').length === left, n - 1);
    }

    // The Earned value tab: AC is the approved cost, the S-curve is drawn.
    await pmPage.getByTestId('tab-earned-value').click();
    await pmPage.getByTestId('s-curve').waitFor();
    await pmPage.locator('[data-testid="s-curve"] svg').first().waitFor();
    const acText = (await pmPage.locator('[data-testid="evm-ac"] .ant-statistic-content').first().textContent()) ?? '';
    const ac = Number(acText.replace(/[^0-9.]/g, ''));
    expect(ac, acText).toBeGreaterThan(0);
    const ev = await (await apiAs('pm1'))('GET', `/projects/${project.id}/earned-value`);
    expect(ev.ac).toBeGreaterThan(0);
    expect(ac).toBeCloseTo(ev.ac / 100, 2);
    await screenshot(pmPage, 'earned-value');
  });
});
