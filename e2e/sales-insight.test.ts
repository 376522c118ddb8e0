import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { demoLogin } from './server.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();
const Q4 = 'periodKind=quarter&periodStart=2026-10-01';

interface ForecastBody {
  reps: { userId: string; name: string; commit: number; closedWon: number }[];
  teams: { teamId: string; name: string; depth: number; commit: number }[];
  total: { commit: number; quota: number | null; orders: number; ordersQuota: number | null; coverage: number | null; gap: number | null };
}

/** Each rep adds an account and a committed deal closing in Q4 2026, through the API. */
async function seedDeals() {
  const deals: Record<string, number> = { rep1: 120_000_00, rep2: 80_000_00, rep3: 50_000_00 };
  for (const [key, amount] of Object.entries(deals)) {
    const api = await suite.apiAs(key);
    const account = await api<{ id: string }>('POST', '/accounts', { name: `Insight E2E ${key} Co.`, status: 'prospect' });
    const pipelines = await api<{ items: { id: string; isDefault: boolean; stages: { id: string; name: string; kind: string; position: number }[] }[] }>('GET', '/pipelines');
    const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const open = pipeline.stages.filter((s) => s.kind === 'open').sort((a, b) => b.position - a.position)[0]!;
    await api('POST', '/opportunities', { name: `Insight E2E deal of ${key}`, accountId: account.id, pipelineId: pipeline.id, stageId: open.id, amount, currency: 'CNY', closeDate: '2026-11-16', forecastCategory: 'commit' });
  }
  const mgr = await suite.apiAs('salesmgr');
  const f = await mgr<ForecastBody>('GET', `/forecast?${Q4}`);
  const rep1 = f.reps.find((r) => r.name === demoLogin('rep1').name)!;
  // The demo company may have a quota for rep1 already: replace it with its version.
  const targets = await mgr<{ items: { userId: string | null; metric: string; version: number }[] }>('GET', `/sales-targets?${Q4}`);
  const existing = targets.items.find((x) => x.userId === rep1.userId && x.metric === 'revenue');
  await mgr('PUT', '/sales-targets', { userId: rep1.userId, periodKind: 'quarter', periodStart: '2026-10-01', metric: 'revenue', amount: 200_000_00, ...(existing ? { version: existing.version } : {}) });
  return mgr<ForecastBody>('GET', `/forecast?${Q4}`);
}

/** Clicks the tallest filled bar of a chart (the axis lines have no fill, the legend icons are small). */
async function clickTallestBar(page: Page, testId: string) {
  const bar = await page.waitForFunction((id: string) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    const paths = [...(el?.querySelectorAll('svg path') ?? [])] as SVGPathElement[];
    const fill = (p: SVGPathElement) => p.getAttribute('fill') ?? '';
    const bars = paths.filter((p) => fill(p) !== 'none' && fill(p) !== '' && !fill(p).startsWith('#fff') && p.getBBox().height > 20 && p.getBBox().width > 10 && p.getBBox().width < 200);
    return bars.sort((a, b) => b.getBBox().height - a.getBBox().height)[0];
  }, testId);
  const box = await bar.asElement()!.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
}

/** How the forecast table writes an amount: whole units of the currency. */
const whole = (minor: number) => Math.round(minor / 100).toLocaleString('en');

describe('sales insight: the forecast meeting and the dashboard', () => {
  it('the sales manager sees each rep’s row and the team totals for the quarter, and a dashboard chart leads to the filtered opportunities', async () => {
    const forecast = await seedDeals();
    expect(forecast.total.commit).toBeGreaterThanOrEqual(250_000_00);
    const { page } = await suite.signedIn('salesmgr');
    await page.goto(`/sales/forecast?${Q4}`);
    await page.getByTestId('forecast-table').waitFor();
    expect(await page.getByTestId('period-label').textContent()).toBe('2026-Q4');
    for (const key of ['rep1', 'rep2', 'rep3']) {
      const rep = forecast.reps.find((r) => r.name === demoLogin(key).name)!;
      const row = page.getByTestId(`forecast-rep-${rep.userId}`);
      await row.waitFor();
      expect(await row.textContent()).toContain(demoLogin(key).name);
      expect(await row.textContent()).toContain(whole(rep.commit));
    }
    // the top team and its two sub-teams carry subtotals; the total row sums the whole tree
    for (const team of forecast.teams) {
      const row = page.getByTestId(`forecast-team-${team.teamId}`);
      await row.waitFor();
      expect(await row.textContent()).toContain(whole(team.commit));
    }
    expect(forecast.teams.filter((t) => t.depth === 0)).toHaveLength(1);
    expect(await page.getByTestId('forecast-total').textContent()).toContain(whole(forecast.total.commit));
    // each figure of the total row stands under its own heading
    const headings = (await page.getByTestId('forecast-table').locator('thead th').allTextContents()).map((x) => x.trim());
    const totals = (await page.getByTestId('forecast-total').locator('td').allTextContents()).map((x) => x.trim());
    const under = (heading: string) => totals[headings.indexOf(heading)];
    expect(under('Orders')).toBe(forecast.total.ordersQuota === null ? String(forecast.total.orders) : `${forecast.total.orders} / ${forecast.total.ordersQuota}`);
    expect(under('Coverage')).toBe(forecast.total.coverage === null ? '—' : `${forecast.total.coverage.toFixed(2)}×`);
    expect(under('Gap to quota')).toBe(forecast.total.gap === null ? '—' : whole(forecast.total.gap));
    await page.getByTestId('forecast-chart').locator('svg').waitFor();
    await screenshot(page, 'sales-forecast');

    // A rep's deals open in a drawer with their forecast category
    const rep1 = forecast.reps.find((r) => r.name === demoLogin('rep1').name)!;
    await page.getByTestId(`forecast-open-${rep1.userId}`).click();
    await page.getByText('Insight E2E deal of rep1').waitFor();

    // The dashboard: a bar of the funnel opens the opportunities list filtered to its stage
    await page.goto(`/sales/dashboard?${Q4}`);
    const funnel = page.getByTestId('dashboard-funnel');
    await funnel.locator('svg').waitFor();
    // the tallest filled bar of the amount series (the axis lines have no fill, the legend icons are small)
    await clickTallestBar(page, 'dashboard-funnel');
    await page.waitForURL(/\/sales\/opportunities\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('status')).toBe('open');
    expect(url.searchParams.get('stageId')).toMatch(/^[0-9a-f-]{36}$/);

    // A bar of quota attainment opens the contracts that rep signed in the quarter (booked revenue).
    await page.goto(`/sales/dashboard?${Q4}`);
    await page.getByTestId('dashboard-attainment').locator('svg').waitFor();
    await clickTallestBar(page, 'dashboard-attainment');
    await page.waitForURL(/\/sales\/contracts\?/);
    const contractsUrl = new URL(page.url());
    expect([contractsUrl.searchParams.get('signedFrom'), contractsUrl.searchParams.get('signedTo')]).toEqual(['2026-10-01', '2026-12-31']);
    expect(contractsUrl.searchParams.get('ownerId')).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('contract-link').first().waitFor();
    const signed = await page.getByTestId('contracts-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[6]?.textContent ?? ''));
    expect(signed.length).toBeGreaterThan(0);
    for (const d of signed) expect(d >= '2026-10-01' && d <= '2026-12-31', d).toBe(true);
    await screenshot(page, 'sales-dashboard-booked-contracts');
  });

  it('a rep records market feedback on the market page and sees it in the log', async () => {
    const { page } = await suite.signedIn('rep2');
    await page.goto(`/sales/market?${Q4}`);
    await page.getByTestId('feedback-trend-chart').locator('svg').waitFor();
    await page.getByTestId('feedback-add').click();
    const form = page.getByTestId('feedback-form');
    await form.waitFor();
    await form.getByLabel('Source').fill('Trade fair');
    await form.getByLabel('Feedback', { exact: true }).fill('Asked for an on-premise edition');
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/market-feedback'));
    await page.getByTestId('feedback-save').click();
    expect((await saved).status()).toBe(201);
    await page.getByTestId('feedback-log').getByText('Asked for an on-premise edition').waitFor();
    await screenshot(page, 'sales-market');
  });
});
