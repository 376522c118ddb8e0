import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TFunction } from 'i18next';
import en from '../../../i18n/en.json';
import { ApiError } from '../../../lib/api.js';
import { exportUrl, refusalReason, uploadMspdi } from './api.js';
import { KNOWN_WARNINGS, REFUSALS, warningText } from './warnings.js';

afterEach(() => vi.unstubAllGlobals());

describe('MSPDI upload', () => {
  it('sends the file itself as application/xml, with the query', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ project: { id: 'p1' }, warnings: [], summary: {} }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    const file = new Blob(['<Project/>'], { type: 'text/xml' });
    const r = await uploadMspdi('/projects/import', file, { code: 'WEB-1', name: undefined });
    expect(r.project.id).toBe('p1');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/projects/import?code=WEB-1');
    expect(init).toMatchObject({ method: 'POST', body: file, credentials: 'same-origin', headers: { 'content-type': 'application/xml' } });
  });

  it('turns refusals into ApiErrors and tells why', async () => {
    const answer = (status: number, body: unknown) => vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status })));
    answer(400, { error: { code: 'validation_failed', message: 'This file is not XML.', details: [{ path: 'file', message: 'x', reason: 'not_xml' }] } });
    const err = await uploadMspdi('/projects/import', new Blob(['x'])).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: 'This file is not XML.' });
    expect(refusalReason(err)).toBe('not_xml');
    answer(422, { error: { code: 'rule_violated', message: 'Too many.', details: { reason: 'too_many_tasks', limit: 5 } } });
    expect(refusalReason(await uploadMspdi('/projects/import', new Blob(['x'])).catch((e) => e))).toBe('too_many_tasks');
    answer(413, { error: { code: 'payload_too_large', message: 'Big.' } });
    expect(refusalReason(await uploadMspdi('/projects/import', new Blob(['x'])).catch((e) => e))).toBe('too_large');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect(await uploadMspdi('/projects/import', new Blob(['x'])).catch((e) => e)).toMatchObject({ status: 0, code: 'network_error' });
    expect(refusalReason(new Error('x'))).toBeNull();
  });

  it('links to the export', () => {
    expect(exportUrl('abc')).toBe('/api/v1/projects/abc/export.mspdi');
  });
});

describe('import warnings', () => {
  it('has words for every warning and refusal the server gives', () => {
    const tree = (en as { interchange: { warnings: Record<string, string>; refusals: Record<string, string> } }).interchange;
    expect(Object.keys(tree.warnings).sort()).toEqual([...KNOWN_WARNINGS].sort());
    expect(Object.keys(tree.refusals).sort()).toEqual([...REFUSALS].sort());
  });
  it('translates known codes and shows the server’s message for others', () => {
    const t = ((key: string) => `T:${key}`) as unknown as TFunction;
    expect(warningText({ code: 'rounded_lags', message: 'x', count: 1, examples: [] }, t)).toBe('T:interchange.warnings.rounded_lags');
    expect(warningText({ code: 'something_new', message: 'Server words.', count: 1, examples: [] }, t)).toBe('Server words.');
  });
});
