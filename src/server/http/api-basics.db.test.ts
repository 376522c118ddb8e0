import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/setup.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('API basics', () => {
  it('publishes OpenAPI 3.1 with the routes and their schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/api/v1/auth/sign-in', '/api/v1/auth/me', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/teams', '/api/v1/calendars', '/api/v1/audit-events']) expect(Object.keys(doc.paths)).toContain(p);
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.properties.email).toBeDefined();
  });

  it('serves the API docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });

  it('answers an unknown API route with 404 in the error model', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
