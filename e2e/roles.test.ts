import { screenshot } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { SignInPage } from './pages/SignInPage.js';
import { DEMO_PASSWORD, demoLogin } from './server.js';
import { browserSuite } from './suite.js';

/** What each demo role should find in the navigation, and where "/" takes them. */
const OVERSEE = ['nav-delivery-workload', 'nav-delivery-portfolio', 'nav-delivery-lessons'];
const SELL = ['nav-sales-accounts', 'nav-sales-leads', 'nav-sales-opportunities', 'nav-sales-contracts', 'nav-sales-forecast', 'nav-sales-market', 'nav-sales-dashboard', 'nav-sales-import'];
const ROLES = [
  { key: 'admin', sections: ['nav-people', 'nav-admin'], home: '/people', deliveryItems: [], salesItems: [] },
  { key: 'exec', sections: ['nav-sales', 'nav-delivery', 'nav-people'], home: '/sales', deliveryItems: OVERSEE, salesItems: SELL },
  // Sales settings (pipelines, catalogue, rates) are the sales manager's.
  { key: 'salesmgr', sections: ['nav-sales', 'nav-people'], home: '/sales', deliveryItems: [], salesItems: [...SELL, 'nav-sales-settings'] },
  { key: 'rep1', sections: ['nav-sales', 'nav-people'], home: '/sales', deliveryItems: [], salesItems: SELL },
  { key: 'pmo', sections: ['nav-delivery', 'nav-people'], home: '/delivery', deliveryItems: OVERSEE, salesItems: [] },
  { key: 'pm1', sections: ['nav-delivery', 'nav-people'], home: '/delivery', deliveryItems: OVERSEE, salesItems: [] },
  { key: 'dev1', sections: ['nav-delivery', 'nav-people'], home: '/delivery', deliveryItems: ['nav-delivery-lessons'], salesItems: [] },
] as const;

const suite = browserSuite();
const open = (locale?: string) => suite.open(locale);

describe.each(ROLES)('as $key', (role) => {
  it('signs in, sees exactly their sections, keeps 中文 across a reload and signs out', async () => {
    const person = demoLogin(role.key);
    const { page } = await open();
    const signIn = new SignInPage(page);
    const shell = new AppShell(page);

    await page.goto('/');
    await signIn.waitUntilShown();
    await signIn.signIn(person.email, DEMO_PASSWORD);
    await shell.waitUntilShown();
    expect(new URL(page.url()).pathname).toBe(role.home);
    expect(await page.getByTestId('org-name').textContent()).toBe('Tandem Demo Co.');
    expect(await page.getByTestId('user-name').textContent()).toBe(person.name);

    expect(await shell.sections()).toEqual([...role.sections]);
    expect(await page.getByTestId('nav').locator('[data-testid^="nav-delivery-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([...role.deliveryItems]);
    expect(await page.getByTestId('nav').locator('[data-testid^="nav-sales-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual([...role.salesItems]);
    if (role.key === 'admin') expect(await shell.adminItems()).toEqual(['nav-admin-users', 'nav-admin-teams', 'nav-admin-calendars', 'nav-admin-audit']);

    // The saved language may be either; go through English to Chinese so the switch is seen.
    await shell.switchLanguage('en');
    expect(await shell.navLabel('nav-people')).toBe('People & assessment');
    await shell.switchLanguage('zh-CN');
    expect(await shell.navLabel('nav-people')).toBe('人员与考核');

    // Remembered on the user, not in the browser: a reload asks /auth/me and stays Chinese.
    await page.reload();
    await shell.waitUntilShown();
    expect(await shell.language()).toBe('zh-CN');
    expect(await shell.navLabel('nav-people')).toBe('人员与考核');
    await shell.waitUntilSettled();
    await screenshot(page, `role-${role.key}`);

    if (role.key !== 'admin') {
      // What is not in the menu is not there by address either.
      await page.goto('/admin/users');
      await page.getByTestId('not-found').waitFor();
    }

    await shell.signOut();
    // The session is really gone: a signed-in page sends back to sign-in.
    await page.goto(role.home);
    await signIn.waitUntilShown();
  });
});

describe('signing in', () => {
  it('shows the server’s message for a wrong password', async () => {
    const { page, expectFailure } = await open();
    expectFailure(401, '/api/v1/auth/sign-in');
    const signIn = new SignInPage(page);
    await signIn.goto();
    const text = await signIn.signInExpectingError(demoLogin('rep2').email, 'not-the-password');
    expect(text).toContain('Wrong email or password');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await screenshot(page, 'sign-in-error');
  });

  it('starts in the browser’s language before sign-in (Chinese browser)', async () => {
    const { page } = await open('zh-CN');
    await new SignInPage(page).goto();
    expect(await page.getByTestId('sign-in-submit').textContent()).toMatch(/登\s*录/);
    await screenshot(page, 'sign-in-zh');
  });

  it('returns to the page the user was going to, and unknown addresses show the not-found page', async () => {
    const { page } = await open();
    const signIn = new SignInPage(page);
    await page.goto('/no/such/page?x=1');
    await signIn.waitUntilShown();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/no/such/page?x=1');
    await signIn.signIn(demoLogin('rep2').email, DEMO_PASSWORD);
    await page.getByTestId('not-found').waitFor();
    expect(new URL(page.url()).pathname).toBe('/no/such/page');
    // Inside the app frame: the navigation is still there to leave by.
    await page.getByTestId('nav-sales').waitFor();
    await screenshot(page, 'not-found');
  });

  it('sends a deep link to sign-in and back', async () => {
    const { page } = await open();
    await page.goto('/people');
    const signIn = new SignInPage(page);
    await signIn.waitUntilShown();
    await signIn.signIn(demoLogin('dev2').email, DEMO_PASSWORD);
    await new AppShell(page).waitUntilShown();
    expect(new URL(page.url()).pathname).toBe('/people');
    // The People page shows the user's team and colleagues from the API.
    await page.getByTestId('team-name').waitFor();
    expect(await page.getByTestId('team-name').textContent()).toContain('Engineering');
    expect(await page.getByTestId('team-members').textContent()).toContain('黄磊 Lei Huang');
    await screenshot(page, 'people-en');
  });
});
