import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A browser-like window with localStorage, and fetch answering what `answers` says. */
function fakeBrowser(answers: Record<string, { status: number; body?: unknown }>) {
  const store = new Map<string, string>();
  vi.stubGlobal('window', { localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) } });
  const fetch = vi.fn(async (url: string) => {
    const a = answers[url] ?? { status: 404 };
    return { ok: a.status < 300, status: a.status, json: async () => a.body };
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('early requests', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it('asks nothing early unless this browser was last signed in', async () => {
    const fetch = fakeBrowser({ '/api/v1/projects/p1/plan': { status: 200, body: { tasks: [] } } });
    const early = await import('./early.js');
    early.startEarly('/projects/p1/plan');
    expect(fetch).not.toHaveBeenCalled();
    const ask = vi.fn(async () => ({ tasks: ['asked'] }));
    expect(await early.earlyOr('/projects/p1/plan', ask)).toEqual({ tasks: ['asked'] });
    expect(ask).toHaveBeenCalledOnce();
  });

  it('hands the early answer to the first query only; later ones ask again', async () => {
    const fetch = fakeBrowser({ '/api/v1/projects/p1/plan': { status: 200, body: { tasks: ['early'] } } });
    const early = await import('./early.js');
    early.setSignedInHint(true);
    early.startEarly('/projects/p1/plan');
    early.startEarly('/projects/p1/plan'); // once per path
    expect(fetch).toHaveBeenCalledOnce();
    const ask = vi.fn(async () => ({ tasks: ['asked'] }));
    expect(await early.earlyOr('/projects/p1/plan', ask)).toEqual({ tasks: ['early'] });
    expect(ask).not.toHaveBeenCalled();
    expect(await early.earlyOr('/projects/p1/plan', ask)).toEqual({ tasks: ['asked'] });
  });

  it('asks the usual way when the early request failed (the session had ended), and forgets the hint on sign-out', async () => {
    fakeBrowser({ '/api/v1/projects/p1/plan': { status: 401 } });
    const early = await import('./early.js');
    early.setSignedInHint(true);
    early.startEarly('/projects/p1/plan');
    const ask = vi.fn(async () => 'asked');
    expect(await early.earlyOr('/projects/p1/plan', ask)).toBe('asked');
    early.setSignedInHint(false);
    early.startEarly('/projects/p2/plan');
    expect(early.takeEarly('/projects/p2/plan')).toBeUndefined();
  });
});
