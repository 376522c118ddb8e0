import type { Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { browserSuite } from './suite.js';

/**
 * Quote to cash in the browser: a rep quotes with a discount beyond the limit, the sales manager
 * approves it, the rep sends it and the customer accepts; the contract is negotiated, signed by
 * both sides and becomes an order with billing milestones. Then a customer answers a satisfaction
 * survey on the public page without signing in. The account and opportunity are made through the
 * crm and deals APIs (POST /accounts, POST /opportunities).
 */
const suite = browserSuite();

/** The input of an Ant Design field by its test id (the id sits on the input or on its wrapper). */
const field = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

async function waitStatus(page: Page, testId: string, status: string) {
  await page.locator(`[data-testid="${testId}"][data-status="${status}"]`).first().waitFor();
}

describe('sales contracting: quote, approve, contract, sign, order, survey', () => {
  let accountId = '';
  let opportunityId = '';

  it('a rep quotes with a big discount, the manager approves, and the deal goes through contract and order', async () => {
    const rep = await suite.apiAs('rep1');
    const account = await rep<{ id: string }>('POST', '/accounts', { name: `E2E Contracting Customer ${Date.now()}`, status: 'customer' });
    accountId = account.id;
    const pipelines = await rep<{ items: { id: string; isDefault?: boolean; stages: { id: string; kind: string }[] }[] }>('GET', '/pipelines');
    const pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const stage = pipeline.stages.find((s) => s.kind === 'open')!;
    const opp = await rep<{ id: string }>('POST', '/opportunities', { name: 'ERP rollout', accountId, pipelineId: pipeline.id, stageId: stage.id, amount: 200_000_00, currency: 'CNY', closeDate: '2026-06-30' });
    opportunityId = opp.id;

    // The rep writes the quote: 10 days at 10,000 with 30% off (the limit is 15%).
    const { page } = await suite.signedIn('rep1');
    await page.goto(`/sales/quotes/opportunity/${opportunityId}`);
    await page.getByTestId('quote-new').click();
    await waitStatus(page, 'quote-status', 'draft');
    await page.getByTestId('quote-line-add').click();
    await field(page, 'quote-line-description-0').fill('Implementation days');
    await field(page, 'quote-line-quantity-0').fill('10');
    await field(page, 'quote-line-price-0').fill('10000');
    await field(page, 'quote-line-discount-0').fill('30');
    await field(page, 'quote-line-cost-0').fill('4000');
    const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/lines'));
    await page.getByTestId('quote-save').click();
    expect((await saved).status()).toBe(200);
    await page.waitForFunction(() => document.querySelector('[data-testid="quote-net-total"]')?.textContent?.includes('70,000.00'));
    expect(await page.getByTestId('quote-margin').textContent()).toContain('42.9%');
    await page.getByTestId('quote-submit').click();
    await waitStatus(page, 'quote-status', 'pending_approval');
    expect(await page.getByTestId('quote-approve').count()).toBe(0);

    // The manager approves the discount.
    const mgr = await suite.signedIn('salesmgr');
    await mgr.page.goto(`/sales/quotes/opportunity/${opportunityId}`);
    await waitStatus(mgr.page, 'quote-status', 'pending_approval');
    await mgr.page.getByTestId('quote-approve').click();
    await waitStatus(mgr.page, 'quote-status', 'approved');

    // The rep sends it; the customer accepts; the printable quote shows the customer and the total.
    await page.reload();
    await page.getByTestId('quote-send').click();
    await waitStatus(page, 'quote-status', 'sent');
    await page.getByTestId('quote-accept').click();
    await waitStatus(page, 'quote-status', 'accepted');
    const quotes = await rep<{ items: { id: string }[] }>('GET', `/opportunities/${opportunityId}/quotes`);
    const print = await suite.signedIn('rep1');
    await print.page.goto(`/sales/quotes/${quotes.items[0]!.id}/print`);
    await print.page.getByTestId('quote-sheet').waitFor();
    expect(await print.page.getByTestId('quote-print-total').textContent()).toContain('70,000.00');
    expect(await print.page.getByTestId('quote-customer').textContent()).toContain('E2E Contracting Customer');
    await screenshot(print.page, 'sales-quote-print');

    // The contract, from the accepted quote.
    await page.getByTestId('contract-new').click();
    await field(page, 'contract-title').fill('ERP rollout contract');
    await page.getByTestId('contract-new-ok').click();
    await page.waitForURL(/\/sales\/contracts\/[0-9a-f-]{36}$/);
    await waitStatus(page, 'contract-status', 'draft');
    expect(await page.getByTestId('contract-value').textContent()).toContain('70,000.00');

    // A negotiation round, then signature by both sides.
    await page.getByTestId('contract-round').click();
    await page.getByTestId('round-summary').fill('Payment terms 30 → 45 days');
    await page.getByTestId('round-reason').fill('Customer policy');
    await page.getByTestId('round-ok').click();
    await waitStatus(page, 'contract-status', 'negotiating');
    await page.getByTestId('contract-rounds').getByText('Payment terms 30 → 45 days').waitFor();
    await page.getByTestId('contract-request-signature').click();
    await waitStatus(page, 'contract-status', 'awaiting_signature');
    await page.getByTestId('contract-sign-customer').click();
    await page.getByTestId('sign-ok').click();
    await page.getByTestId('contract-sign-customer').waitFor({ state: 'detached' });
    await page.getByTestId('contract-sign-company').click();
    await page.getByTestId('sign-ok').click();
    await waitStatus(page, 'contract-status', 'signed');
    expect(await page.getByTestId('contract-signed-on').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The order, billed in one milestone for the whole value.
    await page.getByTestId('order-create').click();
    await page.getByTestId('order-section').waitFor();
    await page.getByTestId('milestones-edit').click();
    await field(page, 'milestone-name-0').waitFor();
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/milestones'));
    await page.getByTestId('milestones-ok').click();
    expect((await put).status()).toBe(200);
    await page.getByTestId('milestone-invoice').click();
    await page.locator('[data-testid="order-invoiced"][data-percent="100"]').waitFor();
    await page.getByTestId('milestone-pay').click();
    await page.locator('[data-testid="order-paid"][data-percent="100"]').waitFor();
    await waitStatus(page, 'order-status', 'fulfilled');
    await screenshot(page, 'sales-contract-signed-order');
  });

  it('a customer answers a satisfaction survey on the public page without signing in', async () => {
    const rep = await suite.apiAs('rep1');
    const sent = await rep<{ token: string; link: string }>('POST', '/surveys', { kind: 'csat', accountId, email: 'buyer@customer.test' });
    const session = await suite.open();
    const { page } = session;
    session.expectFailure(404, /\/api\/v1\/public\/surveys\/x+$/);
    await page.goto(`/survey/${sent.token}`);
    await page.getByTestId('survey-question').waitFor();
    expect(await page.getByTestId('survey-company').textContent()).not.toBe('');
    await page.getByTestId('lang-zh-CN').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="survey-question"]')?.textContent?.includes('满意'));
    await page.getByTestId('lang-en').click();
    await page.locator('[data-testid="survey-csat"] li').nth(3).locator('div[role="radio"]').first().click();
    await page.getByTestId('survey-comment').fill('Smooth rollout, thank you.');
    await page.getByTestId('survey-submit').click();
    await page.getByTestId('survey-thanks').waitFor();
    await screenshot(page, 'sales-survey-thanks');
    const answers = await rep<{ items: { csat: number | null; comment: string | null }[] }>('GET', `/surveys?accountId=${accountId}`);
    expect(answers.items[0]).toMatchObject({ csat: 4, comment: 'Smooth rollout, thank you.' });
    // A second visit shows the thank-you state, and an unknown link says so.
    await page.reload();
    await page.getByTestId('survey-thanks').waitFor();
    await page.goto(`/survey/${'x'.repeat(43)}`);
    await page.getByTestId('survey-not-found').waitFor();
  });
});
