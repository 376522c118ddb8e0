import { insertBigPlan } from '../test/fixtures/big-plan.js';
import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { DeliveryHomePage, GanttPage } from './pages/DeliveryPages.js';
import { SignInPage } from './pages/SignInPage.js';
import { browserSuite } from './suite.js';

/** The project pm1 makes in the first test; the second checks that member1 cannot see it. */
let projectId = '';

const suite = browserSuite();
const signedIn = (key: string) => suite.signedIn(key, 'en');

describe('delivery: a project manager plans a project in the Gantt chart', () => {
  it('creates a project, builds and links a plan, sees the critical path, refuses a cycle, saves a baseline, drags a bar and zooms', async () => {
    const { page, expectFailure } = await signedIn('pm1');
    // The loop the test tries to close on purpose.
    expectFailure(422, /^\/api\/v1\/projects\/[^/]+\/dependencies$/);
    const home = new DeliveryHomePage(page);
    await home.goto();
    expect(new URL(page.url()).pathname).toBe('/delivery');
    projectId = await home.createProject({ code: 'E2E-WEB', name: 'Website relaunch', plannedStart: '2026-03-02', budgetLabour: 120000, goals: 'A faster site.' });

    const gantt = new GanttPage(page);
    await gantt.waitUntilShown();
    await page.getByTestId('gantt-empty').waitFor();
    await gantt.zoom('day');

    // Three tasks and a milestone through the toolbar; each new one goes after the selected (the last added).
    await gantt.addTask('Design', 3);
    await gantt.addTask('Build', 5);
    await gantt.addTask('Test', 2);
    await gantt.addMilestone('Go live');
    expect(await page.locator('[data-testid="gantt-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-wbs')))).toEqual(['1', '2', '3', '4']);
    expect(await gantt.cell('Design', 'start')).toBe('2026-03-02');
    expect(await gantt.cell('Build', 'start')).toBe('2026-03-02');

    // Finish-to-start links make a chain: Design → Build → Test → Go live.
    await gantt.link('Design');
    await gantt.link('Build');
    await gantt.link('Test');
    expect(await gantt.cell('Design', 'finish')).toBe('2026-03-04');
    expect(await gantt.cell('Build', 'start')).toBe('2026-03-05');
    expect(await gantt.cell('Build', 'finish')).toBe('2026-03-11');
    expect(await gantt.cell('Test', 'start')).toBe('2026-03-12');
    expect(await gantt.cell('Go live', 'finish')).toBe('2026-03-13');
    expect(await page.locator('[data-testid="gantt-link"]').count()).toBe(3);

    // The whole chain is the critical path: red bars and red links.
    const critical = await page.locator('[data-testid="gantt-bar"]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-critical')));
    expect(critical).toEqual(['true', 'true', 'true', 'true']);
    expect(await page.locator('[data-testid="gantt-link"][data-critical="true"]').count()).toBe(3);
    expect(await gantt.cell('Build', 'float')).toBe('0');
    await screenshot(page, 'gantt-critical-path');

    // Closing the loop is refused, naming the tasks of the cycle.
    const error = await gantt.linkExpectingError('Go live', 'Design');
    expect(error).toContain('circle');
    for (const name of ['Design', 'Build', 'Test', 'Go live']) expect(error).toContain(name);
    await screenshot(page, 'gantt-cycle-refused');
    await gantt.closeDialog();
    expect(await page.locator('[data-testid="gantt-link"]').count()).toBe(3);

    // A baseline, and its variance (none yet).
    await gantt.saveBaseline('Approved plan');
    await screenshot(page, 'baselines');
    await gantt.tab('plan');
    await gantt.waitUntilShown();
    await page.locator('[data-testid="gantt-baseline"]').first().waitFor();
    expect(await page.locator('[data-testid="gantt-baseline"]').count()).toBe(4);

    // Dragging Design two days to the right starts it no earlier than 4 March; the chain follows.
    const res = await gantt.dragBar('Design', 2 * 28);
    expect(res.status()).toBe(200);
    expect(JSON.parse(res.request().postData() ?? '{}')).toMatchObject({ constraintType: 'SNET', constraintDate: '2026-03-04' });
    await page.waitForFunction(() => document.querySelector('[data-testid="gantt-row"][data-wbs="1"] [data-col="start"]')?.textContent === '2026-03-04');
    expect(await gantt.cell('Design', 'start')).toBe('2026-03-04');
    expect(await gantt.cell('Go live', 'finish')).toBe('2026-03-17');
    await gantt.select('Build');
    await screenshot(page, 'gantt-after-drag');

    // Dragging the right end of Build from Friday over the weekend to Monday lengthens it by a working day.
    const buildBar = await gantt.bar('Build');
    const box = (await buildBar.boundingBox())!;
    await page.mouse.move(box.x + box.width - 3, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width - 3 + (3 * 28 * i) / 6, box.y + box.height / 2);
    expect(await page.getByTestId('gantt-drag-tip').textContent()).toBe('6 working days');
    const resized = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/tasks/'));
    await page.mouse.up();
    expect(JSON.parse((await resized).request().postData() ?? '{}')).toMatchObject({ durationDays: 6 });
    await page.waitForFunction(() => document.querySelector('[data-testid="gantt-row"][data-wbs="2"] [data-col="duration"]')?.textContent === '6 days');

    // Zoom: weeks, then months; the bars stay, the header changes.
    await gantt.zoom('week');
    await screenshot(page, 'gantt-week');
    await gantt.zoom('month');
    expect(await page.locator('[data-testid="gantt-bar"]').count()).toBe(4);
    await gantt.zoom('day');
    expect(await page.locator('[data-testid="gantt-nonworking"]').count()).toBeGreaterThan(0);

    // The legend explains the chart.
    await page.getByTestId('gantt-legend-button').click();
    await page.getByTestId('gantt-legend').waitFor();
    await screenshot(page, 'gantt-legend');
    await page.keyboard.press('Escape');

    // Double-click opens the task; its schedule and links are there.
    await gantt.row('Test').dblclick();
    await page.getByTestId('task-drawer').waitFor();
    expect(await page.getByTestId('task-schedule').textContent()).toContain('On the critical path');
    expect(await page.locator('[data-testid="task-link"]').count()).toBe(2);
    await screenshot(page, 'gantt-task-drawer');

    // In Chinese too.
    await page.keyboard.press('Escape');
    await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
    const shell = new AppShell(page);
    await shell.switchLanguage('zh-CN');
    await page.waitForFunction(() => document.querySelector('[data-testid="gantt-row"][data-wbs="1"] [data-col="duration"]')?.textContent === '3 天');
    await screenshot(page, 'gantt-zh');
    await shell.switchLanguage('en');

    // The new project is listed on the home page with its dates.
    await home.goto();
    await home.projectLink('E2E-WEB').waitFor();
    await screenshot(page, 'delivery-home');
  });

  it('is not there for a team member who is not on the project', async () => {
    expect(projectId).not.toBe('');
    const { page, expectFailure } = await signedIn('dev1');
    expectFailure(404, new RegExp(`^/api/v1/projects/${projectId}(/plan)?$`));
    const home = new DeliveryHomePage(page);
    await home.goto();
    expect(await home.projectLink('E2E-WEB').count()).toBe(0);
    expect(await page.getByTestId('create-project').count()).toBe(0);
    await page.goto(`/delivery/projects/${projectId}`);
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, 'delivery-not-found');
  });
});

describe('delivery: a plan of 5,000 tasks', () => {
  // How fast it opens and scrolls is measured by bench/gantt.bench.ts (`npm run bench`); this test
  // checks that it works: the whole plan is there, only the rows in view are drawn, scrolling draws
  // the rows scrolled to.
  it('opens with every task and renders only the rows in view', async () => {
    const { page } = await signedIn('pm1');
    const created = await page.request.post('/api/v1/projects', { data: { code: 'PERF-5K', name: 'Five thousand tasks', plannedStart: '2026-03-02' } });
    expect(created.status()).toBe(201);
    const project = (await created.json()) as { id: string };
    expect(await insertBigPlan(suite.server.database.db, project.id)).toEqual({ tasks: 5000, links: 4899 });
    // One task added through the API renumbers the WBS and reschedules the whole plan.
    const closing = await page.request.post(`/api/v1/projects/${project.id}/tasks`, { data: { name: 'Project closed', kind: 'milestone' } });
    expect(closing.status()).toBe(201);

    const gantt = new GanttPage(page);
    await gantt.goto(project.id);
    await page.locator('[data-testid="gantt-row"]').first().waitFor({ timeout: 30_000 });
    expect(await gantt.gantt().getAttribute('data-rows')).toBe('5001');

    // Virtualised: a screenful of rows in the DOM, not five thousand.
    const rendered = await page.locator('[data-testid="gantt-row"]').count();
    expect(rendered).toBeLessThan(80);
    await screenshot(page, 'gantt-5000-top');

    // Scrolling to the middle and to the end renders those rows.
    const scrollTo = async (top: number) => {
      await gantt.gantt().evaluate((el, y) => (el.scrollTop = y), top);
    };
    await scrollTo(2500 * 28);
    // Row 2,500 is phase 51's summary (each phase is a summary and 49 rows).
    await page.locator('[data-testid="gantt-row"][data-wbs="51"]').waitFor();
    await scrollTo(1e9);
    await page.locator('[data-testid="gantt-row"][data-wbs="101"]').waitFor();
    expect(await page.locator('[data-testid="gantt-row"]').count()).toBeLessThan(80);
    await screenshot(page, 'gantt-5000-end');
  });
});
