import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ExpectedFailure {
  status: number;
  /** The request's path, or a pattern for it. */
  path: string | RegExp;
}

/**
 * The browser reports every failed request as a console error. These are answers the app always
 * expects; a test adds the ones it provokes on purpose (a 409, a 422) with Session.expectFailure.
 */
const ALWAYS_EXPECTED: ExpectedFailure[] = [
  { status: 401, path: '/api/v1/auth/me' }, // not signed in (yet): the app shows the sign-in page
];

function isExpected(msg: ConsoleMessage, expected: ExpectedFailure[]): boolean {
  const text = msg.text();
  if (!text.startsWith('Failed to load resource')) return false;
  let url: URL;
  try {
    url = new URL(msg.location().url);
  } catch {
    return false;
  }
  return expected.some((f) => text.includes(`status of ${f.status}`) && (typeof f.path === 'string' ? url.pathname === f.path : f.path.test(url.pathname)));
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations seen so far. */
  problems: string[];
  /** The failed requests that were expected, for information. */
  expectedFailures: string[];
  /** Declares a failed request the test provokes on purpose, so it does not count as a problem. */
  expectFailure(status: number, path: string | RegExp): void;
  close(): Promise<void>;
}

/** A fresh browser profile (no cookies) that records every console error, page error and CSP violation. */
export async function openSession(browser: Browser, baseURL: string, locale = 'en-US'): Promise<Session> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1360, height: 860 }, timezoneId: 'Asia/Shanghai' });
  // A CSP violation is not always logged: report each one as a console error ourselves.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const expectedFailures: string[] = [];
  const expected = [...ALWAYS_EXPECTED];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (isExpected(msg, expected)) expectedFailures.push(`${msg.text()} ${msg.location().url}`);
    else problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems, expectedFailures, expectFailure: (status, path) => void expected.push({ status, path }), close: () => context.close() };
}

/** Saves e2e/screenshots/<name>.png once nothing on the page is still loading. */
export async function screenshot(page: Page, name: string) {
  await page.waitForFunction(() => !document.querySelector('.ant-skeleton, .ant-spin-spinning'));
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** An antd input by its test id, whether the id sits on the <input> itself or on a wrapper around it. */
export function inputOf(page: Page, testId: string) {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}
