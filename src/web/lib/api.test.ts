import { afterEach, vi } from 'vitest';
import { ApiError, api, toQueryString } from './api.js';

describe('toQueryString', () => {
  it('leaves out empty values', () => {
    expect(toQueryString({ q: 'a b', status: undefined, cursor: '', limit: 50, x: null })).toBe('?q=a+b&limit=50');
    expect(toQueryString({})).toBe('');
  });
});

describe('api', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('parses the error shape into ApiError with field issues', async () => {
    const body = { error: { code: 'validation_failed', message: 'Some fields are not valid.', details: [{ path: 'email', message: 'Taken.' }] } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } })));
    const err = await api.post('/users', { email: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect([e.status, e.code, e.message]).toEqual([400, 'validation_failed', 'Some fields are not valid.']);
    expect(e.fieldIssues).toEqual([{ path: 'email', message: 'Taken.' }]);
  });

  it('exposes the current record of a 409', async () => {
    const body = { error: { code: 'conflict', message: 'Stale.', details: { current: { id: '1', version: 3 } } } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 409 })));
    const e = (await api.patch('/users/1', { version: 2 }).catch((x: unknown) => x)) as ApiError;
    expect(e.isConflict).toBe(true);
    expect(e.current).toEqual({ id: '1', version: 3 });
  });

  it('sends JSON with the same-origin credentials and answers undefined for 204', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(api.delete('/teams/1', { version: 1 })).resolves.toBeUndefined();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/teams/1');
    expect(init.method).toBe('DELETE');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"version":1}');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('turns a non-JSON failure into an ApiError with the HTTP status', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' })));
    const e = (await api.get('/health').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code]).toEqual([502, 'http_502']);
  });
});
