import type { Page } from 'playwright-core';
import { screenshot, type Session } from './browser.js';
import { AppShell } from './pages/AppShell.js';
import { ClosingTab, LessonsLibrary } from './pages/ClosingPages.js';
import { SignInPage } from './pages/SignInPage.js';
import { browserSuite } from './suite.js';

const LESSON = 'Zephyr 演练: freeze the data model before the ERP integration';

/** Waits until no message toast is left (they are in the language of the moment they were shown). */
const noToasts = (page: Page) => page.waitForFunction(() => !document.querySelector('.ant-message-notice'), undefined, { timeout: 10_000 });

const suite = browserSuite();
const signedIn = (key: string, lang: 'en' | 'zh-CN' = 'en') => suite.signedIn(key, lang);

async function projectByCode(s: Session, code: string) {
  const res = await s.page.request.get(`/api/v1/projects?q=${encodeURIComponent(code)}&limit=5`);
  expect(res.status()).toBe(200);
  const p = ((await res.json()) as { items: { id: string; code: string; status: string; industry: string }[] }).items.find((x) => x.code === code);
  expect(p, code).toBeDefined();
  return p!;
}

describe('closing: a project manager closes a project with its retrospective', () => {
  it('is refused while something is missing, then closes; the lesson is in the library', async () => {
    const s = await signedIn('pm1');
    const { page } = s;
    const project = await projectByCode(s, 'PRJ-1001');
    expect(project.status).toBe('executing');
    const tab = new ClosingTab(page);
    await tab.goto(project.id);
    // The manager's first visit made the default checklist.
    await page.getByTestId('closing-item').nth(4).waitFor();
    expect(await page.getByTestId('closing-item').count()).toBe(5);
    expect(await tab.gaps()).toEqual(['checklist', 'acceptance', 'retrospective', 'lesson']);

    // Closing now: the server answers 422 naming what is missing, shown to the user.
    s.expectFailure(422, `/api/v1/projects/${project.id}/close`);
    await tab.close();
    const error = page.getByTestId('closing-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/cannot be closed yet.*checklist.*acceptance.*retrospective.*lesson/);

    await tab.tickAll();
    await tab.recordAcceptance({ acceptedBy: '张伟 (CIO, 华东制造)', acceptedOn: '2026-11-20', wentWell: 'Weekly demos with the sales team', wentBadly: 'ERP interface specs arrived late' });
    await page.getByTestId('closing-gap-lesson').waitFor();
    expect(await tab.gaps()).toEqual(['lesson']);
    await tab.addLesson({ title: LESSON, whatHappened: 'The ERP team changed the customer model twice during integration.', why: 'No agreed data model before build.', recommendation: 'Sign off the data model with the ERP team before integration starts.' });
    await page.getByTestId('closing-ready').waitFor();

    await tab.close();
    await page.getByTestId('closing-closed').waitFor();
    expect(await page.getByTestId('project-status').first().textContent()).toBe('Closed');
    // Closed: the record is kept as it is.
    expect(await page.getByTestId('closing-save').count()).toBe(0);
    expect(await page.getByTestId('lesson-add').count()).toBe(0);

    await new AppShell(page).switchLanguage('zh-CN');
    await page.getByText('收尾检查清单').waitFor();
    await noToasts(page);
    await screenshot(page, 'closing-tab-closed-zh');

    // The library finds it by a search word, in Chinese too.
    await page.getByTestId('nav-delivery-lessons').click();
    const library = new LessonsLibrary(page);
    await library.waitUntilLoaded();
    expect((await library.titles()).length).toBeGreaterThanOrEqual(9);
    await library.search('zephyr');
    expect(await library.titles()).toEqual([LESSON]);
    await library.search('演练');
    expect(await library.titles()).toContain(LESSON);
    await noToasts(page);
    await screenshot(page, 'lessons-library-zh');
  });

  it('offers the lesson on the charter of a planned project of the same industry', async () => {
    const s = await signedIn('pmo', 'zh-CN');
    const { page } = s;
    const planned = await projectByCode(s, 'PRJ-1010');
    expect(planned.status).toBe('planning');
    await page.goto(`/delivery/projects/${planned.id}?tab=charter`);
    const card = page.getByTestId('suggested-lessons');
    await card.waitFor();
    await card.getByText(LESSON).waitFor();
    // Offered for the same industry; the demo's IoT lessons for the shared tag.
    const ours = card.getByTestId('suggested-lesson').filter({ hasText: LESSON });
    expect(await ours.count()).toBe(1);
    expect(await ours.textContent()).toContain('同行业');
    expect(await card.getByTestId('suggested-lesson').filter({ hasText: '相同标签: IoT' }).count()).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await noToasts(page);
    await screenshot(page, 'charter-suggested-lessons-zh');
  });
});
