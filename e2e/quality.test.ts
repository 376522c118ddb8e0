import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { QualityPage } from './pages/QualityPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { DEMO_PEOPLE } from '../src/server/seed/demo.js';
import { browserSuite } from './suite.js';

/** pm1's executing project the first test works on, and a member of its team (demo key) for the second. */
let projectId = '';
let memberKey = '';
const DELIVERABLE = 'E2E acceptance pack';
const CHANGE = 'E2E: add a single sign-on connector';

const suite = browserSuite();
const signedIn = (key: string, lang: 'en' | 'zh-CN' = 'en') => suite.signedIn(key, lang);

describe('quality and change control: a project manager accepts a deliverable and decides a change', () => {
  it('adds a deliverable, rejects it with a high defect, cannot accept it while the defect is open, closes the defect and accepts; raises, submits and approves a change request', async () => {
    const { page, expectFailure } = await signedIn('pm1');
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { user: { id: string } };
    const projects = (await (await page.request.get('/api/v1/projects?status=executing&limit=50')).json()) as { items: { id: string; managerId: string; code: string }[] };
    const project = projects.items.find((p) => p.managerId === me.user.id);
    expect(project).toBeDefined();
    projectId = project!.id;
    const members = (await (await page.request.get(`/api/v1/projects/${projectId}/members`)).json()) as { items: { userId: string; userName: string; projectRole: string }[] };
    const member = members.items.find((m) => m.userId !== me.user.id && DEMO_PEOPLE.some((p) => p.name === m.userName && p.roles.includes('team_member')));
    expect(member).toBeDefined();
    memberKey = DEMO_PEOPLE.find((p) => p.name === member!.userName)!.key;

    const q = new QualityPage(page);
    await q.goto(projectId);
    const d = await q.createDeliverable({ name: DELIVERABLE, description: 'Test reports and the signed acceptance form', dueDate: '2026-12-15', criteria: ['All test cases pass', 'Customer signs the acceptance form'] });
    expect(d.criteriaTotal).toBe(2);
    await q.waitForStatus(DELIVERABLE, 'planned');
    expect(await q.deliverableRow(DELIVERABLE).getByTestId('deliverable-criteria').textContent()).toContain('0/2');

    // A rejecting review with a high defect.
    const rejected = await q.review(DELIVERABLE, { result: 'Rejected', comments: 'Login fails for SSO users', defects: [{ title: 'SSO login fails', severity: 'High', assignee: member!.userName }] });
    expect(rejected.status()).toBe(201);
    expect(((await rejected.json()) as { deliverable: { status: string } }).deliverable.status).toBe('rejected');
    await page.getByTestId('review-modal').waitFor({ state: 'detached' });
    await q.waitForStatus(DELIVERABLE, 'rejected');
    await page.waitForFunction((name) => {
      const row = [...document.querySelectorAll('[data-testid="deliverable-table"] tr.ant-table-row')].find((r) => r.textContent?.includes(name as string));
      return row?.querySelector('[data-testid="deliverable-open-defects"]')?.getAttribute('data-count') === '1';
    }, DELIVERABLE);
    await q.defectRow('SSO login fails').waitFor();
    expect(await q.defectRow('SSO login fails').getByTestId('defect-severity').textContent()).toBe('High');

    // Accepting while the high defect is open: refused (422, provoked on purpose), and the reason is shown.
    expectFailure(422, `/api/v1/deliverables/${d.id}/reviews`);
    const refused = await q.review(DELIVERABLE, { result: 'Accepted', criteria: [0, 1] });
    expect(refused.status()).toBe(422);
    await page.getByTestId('review-error').waitFor();
    expect(await page.getByTestId('review-error').textContent()).toContain('SSO login fails');
    await screenshot(page, 'quality-accept-refused');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('review-modal').waitFor({ state: 'detached' });

    // Fixed, then closed.
    await q.moveDefect('SSO login fails', 'Fixed');
    await q.defectRow('SSO login fails').locator('[data-testid="defect-status"][data-status="fixed"]').waitFor();
    await q.moveDefect('SSO login fails', 'Closed');
    // The list shows unresolved defects by default: the closed one leaves it.
    await q.defectRow('SSO login fails').waitFor({ state: 'detached' });

    const accepted = await q.review(DELIVERABLE, { result: 'Accepted', criteria: [0, 1], comments: 'All good now' });
    expect(accepted.status()).toBe(201);
    await page.getByTestId('review-modal').waitFor({ state: 'detached' });
    await q.waitForStatus(DELIVERABLE, 'accepted');
    expect(await q.deliverableRow(DELIVERABLE).getByTestId('deliverable-criteria').textContent()).toContain('2/2');
    expect(await q.deliverableRow(DELIVERABLE).getByTestId('deliverable-review').count()).toBe(0);
    await screenshot(page, 'quality-accepted');

    // A change request: raised and submitted at once, then approved.
    await page.getByTestId('tab-changes').click();
    await page.getByTestId('changes-tab').waitFor();
    await q.settled();
    const cr = await q.raiseChange({ title: CHANGE, scope: 'Connect the customer’s identity provider', days: 5, cost: 12000 });
    expect(cr).toMatchObject({ status: 'submitted', scheduleImpactDays: 5, costImpact: 1_200_000 });
    expect(cr.code).toMatch(/^CR-\d+$/);
    expect(await q.changeRow(CHANGE).getByTestId('change-code').textContent()).toBe(cr.code);
    expect(await q.changeRow(CHANGE).getByTestId('change-schedule').textContent()).toBe('+5 d');
    expect(await q.changeRow(CHANGE).getByTestId('change-cost').textContent()).toContain('12,000.00');
    const decided = await q.decideChange(CHANGE, 'approve', 'Covered by the contingency reserve');
    expect(decided).toMatchObject({ status: 'approved', decisionNote: 'Covered by the contingency reserve' });
    await q.changeRow(CHANGE).locator('[data-testid="change-status"][data-status="approved"]').waitFor();
    await screenshot(page, 'changes-approved');
  });

  it('a team member sees the accepted deliverable and the approved change read-only, in Chinese', async () => {
    expect(memberKey).not.toBe('');
    const { page } = await signedIn(memberKey, 'zh-CN');
    const q = new QualityPage(page);
    await q.goto(projectId);
    expect(await page.getByTestId('tab-quality').textContent()).toBe('质量');
    await q.waitForStatus(DELIVERABLE, 'accepted');
    expect(await q.deliverableRow(DELIVERABLE).getByTestId('deliverable-status').textContent()).toBe('已验收');
    expect(await page.getByTestId('deliverable-create').count()).toBe(0);
    expect(await page.getByTestId('deliverable-edit').count()).toBe(0);
    expect(await q.deliverableRow(DELIVERABLE).getByTestId('deliverable-review').count()).toBe(0);
    await screenshot(page, 'quality-member-zh');
    // The project's unresolved defects (the demo's rejected deliverable has a high one), in Chinese.
    await page.getByTestId('defects-card').scrollIntoViewIfNeeded();
    await page.getByTestId('defect-table').locator('[data-testid="defect-severity"]', { hasText: '高' }).first().waitFor();
    expect(await page.getByTestId('defect-edit').count()).toBe(0);
    await screenshot(page, 'quality-defects-member-zh');

    await page.getByTestId('tab-changes').click();
    await page.getByTestId('changes-tab').waitFor();
    await q.changeRow(CHANGE).waitFor();
    expect(await q.changeRow(CHANGE).getByTestId('change-status').textContent()).toBe('已批准');
    await q.changeRow(CHANGE).getByTestId('change-open').click();
    await page.getByTestId('change-drawer').waitFor();
    await page.getByTestId('change-decision').waitFor();
    expect(await page.getByTestId('change-decision').textContent()).toContain('Covered by the contingency reserve');
    for (const id of ['change-save', 'change-submit', 'change-withdraw', 'change-approve', 'change-reject']) expect(await page.getByTestId(id).count(), id).toBe(0);
    expect(await page.getByTestId('change-title').isDisabled()).toBe(true);
    await screenshot(page, 'changes-member-zh');
  });
});
