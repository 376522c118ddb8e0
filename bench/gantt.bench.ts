/**
 * The Gantt benchmark: `npx tsx bench/gantt.bench.ts` (also run by `npm run bench`).
 *
 * Starts the real server with the built web app (e2e/server.ts: a temporary SQLite file with the
 * demo company; builds dist/web when it is missing or stale) and Debian's Chromium, headless. As
 * pm1 it makes a project and writes the 5,001-task plan of the browser test (test/fixtures/big-plan.ts:
 * 100 phases of 48 tasks and a milestone, 4,899 links), then measures:
 *   - `reschedule`: one task added through the API, which renumbers and reschedules the whole plan;
 *   - `plan`: GET /projects/:id/plan, time and size;
 *   - `open`: a full navigation to the project (a reload: the app loads, asks for the session, the
 *     project and the plan, and draws) until the first Gantt rows are painted — the budget is 1.5 s;
 *   - `scroll`: a screen of rows per frame for 120 frames — frame gaps' median, p95 and max.
 * `BENCH_RUNS=n` changes the number of navigations (default 7). Writes bench/results/gantt-latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openSession } from '../e2e/browser.js';
import { DEMO_PASSWORD, demoLogin, startServer } from '../e2e/server.js';
import { insertBigPlan } from '../test/fixtures/big-plan.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 7));
const OPEN_BUDGET_MS = 1500;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const loadBefore = os.loadavg();
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const session = await openSession(browser, server.url);
    const { page } = session;
    const signIn = await page.request.post('/api/v1/auth/sign-in', { data: { email: demoLogin('pm1').email, password: DEMO_PASSWORD } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const created = await page.request.post('/api/v1/projects', { data: { code: 'BENCH-5K', name: 'Five thousand tasks', plannedStart: '2026-03-02' } });
    if (created.status() !== 201) throw new Error(`project not created: ${await created.text()}`);
    const project = (await created.json()) as { id: string };
    await insertBigPlan(server.database.db, project.id);

    let started = performance.now();
    const added = await page.request.post(`/api/v1/projects/${project.id}/tasks`, { data: { name: 'Project closed', kind: 'milestone' } });
    if (added.status() !== 201) throw new Error(`task not added: ${await added.text()}`);
    const rescheduleMs = performance.now() - started;

    const planTimes: number[] = [];
    let planBytes = 0;
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      const plan = await page.request.get(`/api/v1/projects/${project.id}/plan`);
      planBytes = (await plan.body()).length;
      planTimes.push(performance.now() - started);
    }

    await page.addInitScript(() => {
      const w = window as unknown as { __ganttPainted?: number };
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid="gantt-row"]')) {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => (w.__ganttPainted = performance.now())));
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const opens: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`/delivery/projects/${project.id}`);
      await page.waitForFunction(() => (window as unknown as { __ganttPainted?: number }).__ganttPainted !== undefined, undefined, { timeout: 60_000 });
      opens.push(await page.evaluate(() => (window as unknown as { __ganttPainted: number }).__ganttPainted));
    }
    const rows = await page.getByTestId('gantt').getAttribute('data-rows');
    if (rows !== '5001') throw new Error(`the Gantt shows ${rows} rows, not 5001`);

    const frames = await page.getByTestId('gantt').evaluate(async (el) => {
      el.scrollTop = 0;
      await new Promise<void>((r) => requestAnimationFrame(() => r()));
      const gaps: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        el.scrollTop += 500;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }
      gaps.sort((a, b) => a - b);
      return { median: gaps[60], p95: gaps[113], max: gaps[119] };
    });
    if (session.problems.length) throw new Error(`the browser reported problems: ${session.problems.join('; ')}`);
    await session.close();

    const loadAfter = os.loadavg();
    const result = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, loadBefore, loadAfter },
      tasks: 5001,
      rescheduleMs: round(rescheduleMs),
      plan: { medianMs: round(median(planTimes)), bytes: planBytes },
      open: { runsMs: opens.map(round), medianMs: round(median(opens)), budgetMs: OPEN_BUDGET_MS, withinBudget: median(opens) < OPEN_BUDGET_MS },
      scroll: { frameMedianMs: round(frames.median), frameP95Ms: round(frames.p95), frameMaxMs: round(frames.max) },
    };
    fs.mkdirSync(path.join(HERE, 'results'), { recursive: true });
    fs.writeFileSync(path.join(HERE, 'results', 'gantt-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Gantt, 5,001 tasks: reschedule on one change ${result.rescheduleMs} ms; GET /plan median ${result.plan.medianMs} ms, ${(planBytes / 1e6).toFixed(2)} MB`);
    console.log(`  open to first rows painted: median ${result.open.medianMs} ms of ${RUNS} (${result.open.runsMs.join(', ')}) — budget ${OPEN_BUDGET_MS} ms: ${result.open.withinBudget ? 'ok' : 'OVER'}`);
    console.log(`  scrolling a screen per frame: frame median ${result.scroll.frameMedianMs} ms, p95 ${result.scroll.frameP95Ms} ms, max ${result.scroll.frameMaxMs} ms`);
    console.log(`  load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} → ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
    if (!result.open.withinBudget) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
