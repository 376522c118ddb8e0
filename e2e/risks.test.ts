import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { RisksPage } from './pages/RisksPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { demoLogin } from './server.js';
import { browserSuite } from './suite.js';

/** The project pm1 makes in the first test; the second opens it as a team member. */
let projectId = '';

const suite = browserSuite();
const signedIn = (key: string, lang: 'en' | 'zh-CN' = 'en') => suite.signedIn(key, lang);

describe('risks: a project manager keeps the risk register', () => {
  it('creates a risk, finds it in its matrix cell, reviews it, marks it occurred and sees the issue', async () => {
    const { page } = await signedIn('pm1');
    const created = await page.request.post('/api/v1/projects', { data: { code: 'E2E-RISK', name: 'Data centre move', plannedStart: '2026-03-02' } });
    expect(created.status()).toBe(201);
    projectId = ((await created.json()) as { id: string }).id;
    const dev1 = (await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(demoLogin('dev1').email)}`)).json()).items[0] as { id: string };
    expect((await page.request.post(`/api/v1/projects/${projectId}/members`, { data: { userId: dev1.id } })).status()).toBe(201);
    // A low risk elsewhere in the matrix, so that the cell filter has something to leave out.
    expect((await page.request.post(`/api/v1/projects/${projectId}/risks`, { data: { title: 'Cabling labels fade', probability: 1, impact: 2 } })).status()).toBe(201);

    const risks = new RisksPage(page);
    await risks.goto(projectId);
    expect(await risks.cellCount(4, 4)).toBe(0);
    expect(await risks.cellCount(1, 2)).toBe(1);

    const risk = await risks.createRisk({ title: 'Racks arrive late', cause: 'Single supplier, port strike announced', probability: '4 · Likely', impact: '4 · Major', owner: demoLogin('dev1').name, responsePlan: 'Order from a second supplier' });
    expect(risk).toMatchObject({ score: 16, band: 'critical' });
    await risks.waitForCellCount(4, 4, 1);
    expect(await risks.cell(4, 4).getAttribute('data-band')).toBe('critical');
    expect(await risks.riskRow('Racks arrive late').getByTestId('risk-score').textContent()).toBe('16');
    expect(await risks.riskRow('Racks arrive late').getByTestId('risk-score').getAttribute('data-band')).toBe('critical');
    expect(await risks.registerTitles()).toEqual(['Racks arrive late', 'Cabling labels fade']);
    expect(await page.getByTestId('risk-matrix-high').textContent()).toContain('1');

    // The cell filters the register to its risks.
    await risks.cell(4, 4).click();
    await page.getByTestId('risk-filter-cell').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="risk-table"] [data-testid="risk-title-cell"]').length === 1);
    expect(await risks.registerTitles()).toEqual(['Racks arrive late']);
    await screenshot(page, 'risks-matrix-filtered');

    // A review re-rates it and keeps the history.
    await risks.riskRow('Racks arrive late').getByTestId('risk-review').click();
    await page.getByTestId('review-probability').waitFor(); // the modal's root is a zero-size wrapper
    await risks.choose('review-probability', '5 · Almost certain');
    await page.getByTestId('review-note').fill('The strike has started.');
    const reviewed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/risks/${risk.id}/reviews`));
    await page.getByTestId('review-submit').click();
    expect((await reviewed).status()).toBe(200);
    await page.getByTestId('review-modal').waitFor({ state: 'detached' });
    // 5 × 4 moves it to another cell; the filter on 4 × 4 now shows nothing.
    await risks.waitForCellCount(5, 4, 1);
    await risks.waitForCellCount(4, 4, 0);
    await page.getByTestId('risk-filter-clear').click();
    await risks.riskRow('Racks arrive late').waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="risk-table"] [data-testid="risk-score"]')].some((e) => e.textContent === '20'));

    // It happened: the risk becomes an issue.
    await risks.riskRow('Racks arrive late').getByTestId('risk-occur').click();
    await page.getByTestId('occur-title').waitFor();
    expect(await page.getByTestId('occur-title').inputValue()).toBe('Racks arrive late');
    const occurred = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/risks/${risk.id}/occur`));
    await page.getByTestId('occur-submit').click();
    const res = await occurred;
    expect(res.status()).toBe(201);
    const { issue } = (await res.json()) as { issue: { id: string; severity: string; riskId: string } };
    expect(issue).toMatchObject({ severity: 'critical', riskId: risk.id });
    await page.getByTestId('occur-modal').waitFor({ state: 'detached' });

    await risks.issueRow('Racks arrive late').waitFor();
    expect(await risks.issueRow('Racks arrive late').getByTestId('issue-severity').textContent()).toBe('Critical');
    expect(await risks.issueRow('Racks arrive late').getByTestId('issue-from-risk').textContent()).toContain('Racks arrive late');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="risk-table"] [data-testid="risk-status"]')].some((e) => e.textContent === 'Occurred'));
    // No longer counted in the matrix (it counts open and monitored risks).
    await risks.waitForCellCount(5, 4, 0);
    expect(await risks.riskRow('Racks arrive late').getByTestId('risk-occur').count()).toBe(0);
    await screenshot(page, 'risks-occurred-issue');
  });

  it('a team member reads the register in Chinese but cannot change it', async () => {
    const { page } = await signedIn('dev1', 'zh-CN');
    const risks = new RisksPage(page);
    await risks.goto(projectId);
    expect(await page.getByTestId('tab-risks').textContent()).toBe('风险与问题');
    await risks.riskRow('Racks arrive late').waitFor();
    expect(await page.getByTestId('risk-create').count()).toBe(0);
    expect(await page.getByTestId('issue-create').count()).toBe(0);
    expect(await page.getByTestId('risk-edit').count()).toBe(0);
    expect(await risks.issueRow('Racks arrive late').getByTestId('issue-severity').textContent()).toBe('严重');
    await screenshot(page, 'risks-member-zh');
  });
});
