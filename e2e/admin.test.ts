import type { Browser, Page } from 'playwright-core';
import { inputOf, screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { SignInPage } from './pages/SignInPage.js';
import { UsersAdminPage } from './pages/UsersAdminPage.js';
import { DEMO_PASSWORD, demoLogin } from './server.js';
import { browserSuite } from './suite.js';


/** A signed-in admin, with the interface in English so that texts can be asserted. */
async function signedInAdmin(): Promise<Page> {
  return (await adminSession()).page;
}

const suite = browserSuite();
const adminSession = () => suite.signedIn('admin', 'en');

describe('admin: users', () => {
  it('creates a user by invitation; the user appears in the list, accepts and signs in', async () => {
    const page = await signedInAdmin();
    await new AppShell(page).go('nav-admin-users');
    const users = new UsersAdminPage(page);
    await users.waitUntilLoaded();
    await screenshot(page, 'admin-users');

    const email = `new.person.${Date.now()}@tandem.demo`;
    const link = await users.createInvited({ name: 'Nora New 诺拉', email });
    expect(link).toMatch(/\/accept-invitation\?token=/);

    await users.search(email);
    await users.row(email).waitFor();
    expect(await users.status(email).textContent()).toBe('Invited');

    // The invited person sets a password from the link, then signs in with it.
    const invitee = await suite.open();
    const token = new URL(link).searchParams.get('token')!;
    await invitee.page.goto(`/accept-invitation?token=${encodeURIComponent(token)}`);
    await invitee.page.getByTestId('invitation-password').fill('a-new-password');
    await invitee.page.getByTestId('invitation-confirm').fill('a-new-password');
    await invitee.page.getByTestId('invitation-submit').click();
    await invitee.page.getByTestId('sign-in-notice').waitFor();
    await new SignInPage(invitee.page).signIn(email, 'a-new-password');
    await new AppShell(invitee.page).waitUntilShown();
    expect(await new AppShell(invitee.page).sections()).toEqual(['nav-delivery', 'nav-people']);

    await users.search(email);
    await page.waitForFunction((e) => document.querySelector(`[data-testid="status-${e}"]`)?.textContent === 'Active', email);
  });

  it('creates a user with a password, and shows the server’s field error for a taken email', async () => {
    const { page, expectFailure } = await adminSession();
    expectFailure(400, '/api/v1/users');
    const users = new UsersAdminPage(page);
    await users.goto();

    await users.openCreate();
    await users.fillNew({ name: 'Taken Email', email: demoLogin('rep1').email, password: 'password-123' });
    await users.submitCreate();
    const fieldError = page.locator('.ant-form-item-explain-error', { hasText: 'A user with this email already exists.' });
    await fieldError.waitFor();
    await screenshot(page, 'admin-create-user');

    const email = `with.password.${Date.now()}@tandem.demo`;
    await page.getByTestId('user-email-input').fill(email);
    await Promise.all([page.getByTestId('create-user-form').waitFor({ state: 'detached' }), users.submitCreate()]);
    await users.search(email);
    await users.row(email).waitFor();
    expect(await users.status(email).textContent()).toBe('Active');
  });

  it('edits a user, and answers a stale save with “someone else changed this”', async () => {
    const { page, expectFailure } = await adminSession();
    expectFailure(409, /^\/api\/v1\/users\//);
    const users = new UsersAdminPage(page);
    await users.goto();
    const email = demoLogin('rep3').email;
    await users.search(email);
    await users.openEdit(email);
    await inputOf(page, 'user-capacity').fill('32');

    // Meanwhile someone else saves the same user (through the API, as the same admin).
    const current = await (await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`)).json();
    const rep = current.items[0];
    const res = await page.request.patch(`/api/v1/users/${rep.id}`, { data: { name: 'Yang Liu (renamed)', version: rep.version } });
    expect(res.status()).toBe(200);

    await page.getByTestId('edit-user-submit').click();
    await page.getByTestId('conflict-alert').waitFor();
    expect(await page.getByTestId('user-name-input').inputValue()).toBe('Yang Liu (renamed)');
    await screenshot(page, 'admin-user-conflict');

    // Saving again now applies to the current version.
    await inputOf(page, 'user-capacity').fill('32');
    await Promise.all([page.getByTestId('edit-user-drawer').waitFor({ state: 'hidden' }), page.getByTestId('edit-user-submit').click()]);
    const after = await (await page.request.get(`/api/v1/users/${rep.id}`)).json();
    expect(after.weeklyCapacityHours).toBe(32);
    expect(after.name).toBe('Yang Liu (renamed)');
  });
});

describe('admin: teams, calendars, audit log', () => {
  it('shows the team tree and the server’s reason when a team cannot be deleted', async () => {
    const { page, expectFailure } = await adminSession();
    expectFailure(422, /^\/api\/v1\/teams\//);
    await new AppShell(page).go('nav-admin-teams');
    await page.getByTestId('team-Sales East 华东销售').waitFor();
    await page.getByTestId('team-Engineering 工程组').waitFor();
    await screenshot(page, 'admin-teams');
    const row = page.locator('.ant-table-row', { has: page.getByTestId('team-Sales East 华东销售') });
    await row.getByRole('button', { name: /Delete/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /Delete/ }).click();
    await page.locator('.ant-message', { hasText: 'members and sub-teams elsewhere' }).waitFor();
  });

  it('edits a calendar: adds a holiday and saves', async () => {
    const page = await signedInAdmin();
    await new AppShell(page).go('nav-admin-calendars');
    await page.locator('[data-testid^="edit-calendar-"]').first().click();
    await page.getByTestId('calendar-drawer').waitFor();
    const date = inputOf(page, 'exception-date');
    await date.click();
    await date.fill('2026-12-31');
    await date.press('Enter');
    await page.getByTestId('exception-name').fill('Year-end shutdown');
    await page.getByTestId('exception-add').click();
    await page.getByTestId('calendar-exceptions').getByText('Year-end shutdown').waitFor();
    await screenshot(page, 'admin-calendar');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/calendars/') && r.request().method() === 'PATCH' && r.status() === 200),
      page.getByTestId('calendar-submit').click(),
    ]);
    const list = await (await page.request.get('/api/v1/calendars')).json();
    expect(list.items[0].exceptions.some((e: { date: string; name: string }) => e.date === '2026-12-31' && e.name === 'Year-end shutdown')).toBe(true);
  });

  it('lists audit events newest first with before → after, and filters them', async () => {
    const page = await signedInAdmin();
    await new AppShell(page).go('nav-admin-audit');
    await page.locator('[data-testid="audit-table"] .ant-table-row').first().waitFor();
    await screenshot(page, 'admin-audit');
    const search = inputOf(page, 'audit-action');
    await search.fill('update');
    await Promise.all([page.waitForResponse((r) => r.url().includes('/api/v1/audit-events') && r.url().includes('action=update')), search.press('Enter')]);
    await page.locator('[data-testid="audit-table"] .ant-table-row').first().getByTestId('audit-changes').waitFor();
    // Newest first: the calendar's new holiday (a list change), then the earlier edits of a user (before → after).
    const changes = await page.getByTestId('audit-changes').allTextContents();
    expect(changes[0]).toContain('+ 2026-12-31 · Year-end shutdown');
    expect(changes.some((c) => c.includes('weekly_capacity_hours 40 → 32'))).toBe(true);
    const actions = await page.locator('[data-testid="audit-table"] .ant-table-row .ant-tag').allTextContents();
    expect(new Set(actions)).toEqual(new Set(['Updated']));
  });
});
