import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { PortfolioView } from './pages/ClosingPages.js';
import { SignInPage } from './pages/SignInPage.js';
import { browserSuite } from './suite.js';


/** Waits until no message toast is left (they are in the language of the moment they were shown). */
const noToasts = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-message-notice'), undefined, { timeout: 10_000 });

const suite = browserSuite();
const signedIn = (key: string, lang: 'en' | 'zh-CN' = 'en') => suite.signedIn(key, lang);

describe('portfolio', () => {
  it('shows the PMO every project with charts, and a row opens the project', async () => {
    const { page } = await signedIn('pmo');
    const all = ((await (await page.request.get('/api/v1/projects?limit=200')).json()) as { items: { id: string; code: string }[] }).items;
    expect(all.length).toBeGreaterThanOrEqual(12);
    await page.getByTestId('nav-delivery-portfolio').click();
    const view = new PortfolioView(page);
    await view.waitUntilLoaded();
    expect((await view.rowIds()).sort()).toEqual(all.map((p) => p.id).sort());
    // Charts drawn: the health doughnut and a dot per project with both indices.
    await page.locator('[data-testid="portfolio-health-chart"] svg').waitFor();
    await page.locator('[data-testid="portfolio-scatter"] svg').waitFor();
    // SPI and CPI are coloured by threshold.
    const colours = await page.getByTestId('portfolio-spi').evaluateAll((els) => els.map((e) => ({ v: Number(e.textContent), c: getComputedStyle(e).color })));
    expect(colours.length).toBeGreaterThan(0);
    for (const { v, c } of colours) expect(c, String(v)).toBe(v < 0.9 ? 'rgb(207, 19, 34)' : v < 1 ? 'rgb(212, 136, 6)' : 'rgb(56, 158, 13)');

    await new AppShell(page).switchLanguage('zh-CN');
    await page.getByText('进度 × 成本绩效').waitFor();
    await noToasts(page);
    await screenshot(page, 'portfolio-zh');

    const target = all.find((p) => p.code === 'PRJ-1004')!;
    await view.openRow(target.id);
    await page.waitForURL((u) => u.pathname === `/delivery/projects/${target.id}`);
    await page.getByTestId('project-tabs').waitFor();
  });

  it('gives a project manager a dashboard of their running projects on the delivery home', async () => {
    const { page } = await signedIn('pm1', 'zh-CN');
    const dash = ((await (await page.request.get('/api/v1/me/delivery-dashboard')).json()) as { projects: { id: string; overdueTasks: number }[] }).projects;
    expect(dash.length).toBeGreaterThanOrEqual(2);
    await page.goto('/delivery');
    await page.getByTestId('pm-dashboard').waitFor();
    await page.getByTestId('dashboard-project').nth(dash.length - 1).waitFor();
    expect(await page.getByTestId('dashboard-project').evaluateAll((els) => els.map((e) => e.getAttribute('data-project-id')))).toEqual(dash.map((p) => p.id));
    const overdue = await page.getByTestId('dashboard-overdue').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
    expect(overdue).toEqual(dash.map((p) => p.overdueTasks));
    await noToasts(page);
    await screenshot(page, 'pm-dashboard-zh');
    // The portfolio of a PM: their own projects only.
    const mine = ((await (await page.request.get('/api/v1/projects?limit=200')).json()) as { items: { id: string }[] }).items.map((p) => p.id).sort();
    await page.getByTestId('nav-delivery-portfolio').click();
    const view = new PortfolioView(page);
    await view.waitUntilLoaded();
    expect((await view.rowIds()).sort()).toEqual(mine);
  });
});
