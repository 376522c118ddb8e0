/**
 * What every browser test file needs: the real server (fresh database with the demo company) and
 * Chromium for the file, a clean browser profile per session, a clean console at the end of every
 * test (no errors, no uncaught exceptions, no CSP violations), and signing in as a demo person.
 *
 *   const suite = browserSuite();
 *   it('…', async () => {
 *     const { page, expectFailure } = await suite.signedIn('pm1');
 *     …
 *   });
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, openSession, type Session } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { SignInPage } from './pages/SignInPage.js';
import { DEMO_PASSWORD, demoLogin, startServer, type TestServer } from './server.js';

export type ApiCall = <T = any>(method: string, path: string, body?: unknown) => Promise<T>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface BrowserSuite {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A fresh browser profile (closed, and its console checked, after the test). */
  open(locale?: string): Promise<Session>;
  /**
   * Signs a demo person in (by key: 'pm1', 'member1', 'pmo', …) and waits for the app shell, then
   * switches the app to `lang` (English unless told; null keeps the person's saved language).
   */
  signedIn(key: string, lang?: 'en' | 'zh-CN' | null, locale?: string): Promise<Session>;
  /** A signed-in API client for setting the scene, calling the API as the browser does (same origin). */
  apiAs(key: string): Promise<ApiCall>;
}

export function browserSuite(): BrowserSuite {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const sessions: Session[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(async () => {
    const problems = sessions.flatMap((s) => s.problems);
    for (const s of sessions.splice(0)) await s.close();
    expect(problems).toEqual([]);
  });

  const ready = () => {
    if (!server || !browser) throw new Error('The browser suite has not started (browserSuite() must be called at the top of the test file).');
    return { server, browser };
  };

  const suite: BrowserSuite = {
    get server() {
      return ready().server;
    },
    get browser() {
      return ready().browser;
    },
    async open(locale) {
      const { server: s, browser: b } = ready();
      const session = await openSession(b, s.url, locale);
      sessions.push(session);
      return session;
    },
    async signedIn(key, lang = 'en', locale) {
      const session = await suite.open(locale);
      const signIn = new SignInPage(session.page);
      await signIn.goto();
      await signIn.signIn(demoLogin(key).email, DEMO_PASSWORD);
      const shell = new AppShell(session.page);
      await shell.waitUntilShown();
      if (lang) await shell.switchLanguage(lang);
      return session;
    },
    async apiAs(key) {
      const origin = ready().server.url;
      const res = await fetch(`${origin}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ email: demoLogin(key).email, password: DEMO_PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      return async (method, path, body) => {
        const r = await fetch(`${origin}/api/v1${path}`, {
          method,
          headers: { cookie, origin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
      };
    },
  };
  return suite;
}
