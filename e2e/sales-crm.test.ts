import { screenshot } from './browser.js';
import { browserSuite } from './suite.js';

const suite = browserSuite();

describe('sales crm: a rep works a lead into an opportunity and follows up', () => {
  it('creates a lead, qualifies it, converts it linking the existing account, logs an activity and sees it on My day', async () => {
    const api = await suite.apiAs('rep1');
    // The standard pipeline is made on first use; the conversion opens the opportunity in it.
    await api('GET', '/pipelines');
    const existing = await api<{ id: string }>('POST', '/accounts', { name: 'Northwind Traders', industry: 'logistics' });
    // An old follow-up, overdue, to be marked done from My day.
    await api('POST', '/activities', { kind: 'call', subject: 'Call Northwind about the tender', accountId: existing.id, dueAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });

    const { page } = await suite.signedIn('rep1');
    await page.goto('/sales/leads');
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-company').fill('Northwind Traders Ltd.');
    await page.getByTestId('lead-name').fill('Nancy Davolio');
    await page.getByTestId('lead-email').fill('nancy@northwind.test');
    await page.getByTestId('lead-budget').fill('80000');
    await page.getByTestId('lead-authority').fill('Head of operations, signs up to 100k');
    await page.getByTestId('lead-need').fill('Fleet tracking for 40 trucks');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/leads'));
    await page.getByTestId('lead-save').click();
    expect((await created).status()).toBe(201);
    await page.waitForURL(/\/sales\/leads\/[0-9a-f-]{36}$/);
    await page.getByTestId('lead-bant').getByText('80,000.00').waitFor();

    // Qualify.
    const qualified = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/qualify'));
    await page.getByTestId('lead-qualify').click();
    expect((await qualified).status()).toBe(200);
    await page.getByTestId('lead-status').filter({ hasText: 'Qualified' }).waitFor();

    // Convert, linking the account that already exists (offered as a duplicate).
    await page.getByTestId('lead-convert').click();
    await page.getByTestId('convert-duplicates').waitFor();
    const link = page.getByTestId('convert-link-account').filter({ hasText: 'Northwind Traders' });
    await link.click(); // (already chosen: a same-named account is offered first)
    await screenshot(page, 'crm-convert-dialog');
    const converted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/convert'));
    await page.getByTestId('convert-submit').click();
    const conv = await converted;
    expect(conv.status()).toBe(201);
    const result = (await conv.json()) as { accountId: string; opportunityId: string };
    expect(result.accountId).toBe(existing.id);
    await page.waitForURL(new RegExp(`/sales/accounts/${existing.id}`));
    // The new opportunity is on the account's opportunities tab.
    await page.getByRole('tab', { name: 'Opportunities' }).click();
    await page.getByTestId('account-opportunities').getByText('Northwind Traders – Fleet tracking for 40 trucks').waitFor();

    // Log a call against the account.
    await page.getByRole('tab', { name: 'Activities' }).click();
    await page.getByTestId('activity-subject-input').fill('Discovery call with Nancy');
    await page.getByTestId('activity-notes').fill('Wants a pilot with 5 trucks.');
    const logged = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/activities'));
    await page.getByTestId('activity-save').click();
    expect((await logged).status()).toBe(201);
    await page.getByTestId('activity-panel').getByText('Discovery call with Nancy').waitFor();

    // My day: the call is done today; the overdue follow-up is marked done from here.
    await page.goto('/sales');
    await page.getByTestId('myday-doneToday').getByText('Discovery call with Nancy').waitFor();
    const overdue = page.getByTestId('myday-overdue');
    await overdue.getByText('Call Northwind about the tender').waitFor();
    await screenshot(page, 'crm-my-day');
    const done = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/v1/activities/'));
    // (The demo company has follow-ups of its own: pick ours.)
    await overdue.getByTestId('activity-item').filter({ hasText: 'Call Northwind about the tender' }).getByTestId('activity-done').click();
    const doneRes = await done;
    expect(doneRes.status(), await doneRes.text()).toBe(200);
    await page.getByTestId('myday-doneToday').getByText('Call Northwind about the tender').waitFor({ timeout: 30_000 }).catch(async (e) => {
      await screenshot(page, 'crm-my-day-failed');
      throw e;
    });
    expect(await overdue.getByText('Call Northwind about the tender').count()).toBe(0);
    // Contacted today: Northwind is not overdue for contact.
    expect(await page.getByTestId('overdue-accounts-card').getByText('Northwind Traders').count()).toBe(0);
  });
});
