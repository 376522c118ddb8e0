import type { Browser, Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { SignInPage } from './pages/SignInPage.js';
import { demoLogin } from './server.js';
import { browserSuite } from './suite.js';

const ids: Record<string, string> = {};

/** A week far from the demo company's own plans, so its numbers are exactly the ones made here. */
const WEEK = '2030-03-04';

/**
 * pm1 plans a project in the week of 4 March 2030 (Mon–Fri, 8 h days): 李强 Qiang Li gets 40 h of
 * "Build API" and half of "Review" (60 h estimated, shared 1 : 1 with Emma Wilson) → 70 h of a 40 h
 * week, 175 %; Emma Wilson 30 h, 75 %.
 */
async function planTheWeek() {
  const pm1 = await apiAs('pm1');
  const user = async (key: string) => (await pm1<{ items: { id: string }[] }>('GET', `/users?q=${encodeURIComponent(demoLogin(key).email)}`)).items[0].id;
  ids.dev1 = await user('dev1');
  ids.dev2 = await user('dev2');
  const project = await pm1('POST', '/projects', { code: 'E2E-WL', name: 'Workload check', plannedStart: WEEK });
  for (const u of [ids.dev1, ids.dev2]) await pm1('POST', `/projects/${project.id}/members`, { userId: u, projectRole: 'member' });
  await pm1('POST', `/projects/${project.id}/tasks`, { name: 'Build API', durationDays: 5, assignments: [{ userId: ids.dev1, units: 1 }] });
  await pm1('POST', `/projects/${project.id}/tasks`, { name: 'Review', durationDays: 5, estimatedHours: 60, assignments: [{ userId: ids.dev1, units: 1 }, { userId: ids.dev2, units: 1 }] });
}

const suite = browserSuite();
const apiAs = (key: string) => suite.apiAs(key);
beforeAll(planTheWeek);

async function signedIn(key: string) {
  const { page } = await suite.signedIn(key, 'en');
  return { page, shell: new AppShell(page) };
}

const cell = (page: Page, userId: string, week: string) => page.locator(`[data-testid="workload-cell"][data-user-id="${userId}"][data-week="${week}"]`);

/**
 * Waits until the grid shows the rows of the filter in the address (or of `expected`): the page
 * keeps the previous rows on screen while the next ones load, so a changed address alone says
 * nothing about the rows.
 */
async function gridSettled(page: Page, expected: { q?: string; from?: string; weeks?: number } = {}) {
  await page.getByTestId('workload-summary').waitFor();
  await page.waitForFunction((want) => {
    const view = document.querySelector('[data-testid="workload-view"]');
    if (!view || view.getAttribute('aria-busy') !== 'false') return false;
    const params = new URL(location.href).searchParams;
    const q = want.q ?? params.get('q') ?? '';
    const from = want.from ?? params.get('from') ?? '';
    return view.getAttribute('data-q') === q && view.getAttribute('data-from') === from && (want.weeks === undefined || view.getAttribute('data-weeks') === String(want.weeks));
  }, expected);
  await page.waitForFunction(() => !document.querySelector('[data-testid="workload-grid"] .ant-spin-spinning'));
}

describe('workload', () => {
  it('the PMO opens the heat map from the menu, narrows it, reads a red week and the tasks behind it', async () => {
    const { page, shell } = await signedIn('pmo');
    await shell.go('nav-delivery-workload');
    // The page loads on first visit: wait for it, not for the title of the page before.
    await page.getByTestId('workload-legend').waitFor();
    expect(new URL(page.url()).pathname).toBe('/delivery/workload');
    expect(await page.getByTestId('page-title').textContent()).toBe('Team workload');
    await gridSettled(page);
    // Everyone in the demo company, 26 weeks from this week.
    expect(await page.locator('[data-testid="workload-week"]').count()).toBe(26);
    expect(await page.locator('[data-testid="workload-person"]').count()).toBeGreaterThanOrEqual(10);
    await screenshot(page, 'workload-grid');

    // The week range and a search through the address bar's state: 8 weeks from 4 March 2030.
    await page.getByTestId('workload-weeks').click();
    await page.locator('.ant-select-item-option', { hasText: '8 weeks' }).click();
    await page.waitForURL((u) => u.searchParams.get('weeks') === '8');
    await page.goto(`/delivery/workload?from=${WEEK}&weeks=8`);
    await gridSettled(page, { from: WEEK, weeks: 8 });
    const weeks = await page.locator('[data-testid="workload-week"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-week')));
    expect(weeks).toEqual(['2030-03-04', '2030-03-11', '2030-03-18', '2030-03-25', '2030-04-01', '2030-04-08', '2030-04-15', '2030-04-22']);

    const qiang = cell(page, ids.dev1, WEEK);
    expect(await qiang.getAttribute('data-over')).toBe('true');
    expect(await qiang.getAttribute('data-band')).toBe('extreme');
    expect(await qiang.textContent()).toBe('175%');
    expect(await cell(page, ids.dev2, WEEK).textContent()).toBe('75%');
    expect(await cell(page, ids.dev2, WEEK).getAttribute('data-over')).toBe('false');
    expect(await cell(page, ids.dev1, '2030-03-11').textContent()).toBe('');

    await page.getByTestId('workload-search').locator('input').fill('Qiang');
    await page.getByTestId('workload-search').locator('input').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === 'Qiang');
    await gridSettled(page, { q: 'Qiang' });
    expect(await page.locator('[data-testid="workload-person"]').allTextContents()).toEqual(['李强 Qiang Li']);
    // The display switch goes through the address (a navigation): wait for the grid to redraw, do not read it in the same tick.
    await page.getByTestId('workload-display').getByText('Hours').click();
    await page.waitForURL((u) => u.searchParams.get('show') === 'hours');
    await cell(page, ids.dev1, WEEK).filter({ hasText: /^70$/ }).waitFor({ timeout: 5000 });

    await cell(page, ids.dev1, WEEK).click();
    const drawer = page.getByTestId('workload-drawer');
    await drawer.getByTestId('workload-cell-item').first().waitFor();
    expect(await drawer.getByTestId('workload-cell-hours').textContent()).toBe('70');
    expect(await drawer.getByTestId('workload-cell-allocation').textContent()).toBe('175% · over-allocated');
    expect(await drawer.getByTestId('workload-item-task').allTextContents()).toEqual(['1 Build API', '2 Review']);
    const rows = await drawer.getByTestId('workload-cell-item').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r.slice(3))).toEqual([
      ['100%', '40', '40'],
      ['100%', '30', '30'],
    ]);
    await screenshot(page, 'workload-cell');
  });

  it('a project manager sees the members of their projects; a team member has no workload menu', async () => {
    const { page, shell } = await signedIn('pm1');
    await shell.go('nav-delivery-workload');
    await page.goto(`/delivery/workload?from=${WEEK}&weeks=4`);
    await gridSettled(page);
    const names = await page.locator('[data-testid="workload-person"]').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['李强 Qiang Li', 'Emma Wilson', 'Oliver Brown']));
    expect(names).not.toContain('周建国 (Executive)');
    expect(await cell(page, ids.dev1, WEEK).getAttribute('data-over')).toBe('true');
    await shell.switchLanguage('zh-CN');
    expect(await page.getByTestId('page-title').textContent()).toBe('团队资源负荷');
    await screenshot(page, 'workload-zh');

    const member = await signedIn('dev1');
    expect(await member.page.getByTestId('nav-delivery-workload').count()).toBe(0);
  });
});
