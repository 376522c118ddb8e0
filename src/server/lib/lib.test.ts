import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRecords, logSafe } from './audit.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { hashPassword, verifyPassword } from './password.js';
import { allow, authorize, can, type Actor } from './policy.js';
import { UUID_RE, hashToken, randomToken, uuidv7 } from './ids.js';
import { AppError } from './errors.js';

const actor = (roles: string[], orgId = 'org-1'): Actor => ({ id: 'u1', orgId, name: 'U', email: 'u@x', roles: new Set(roles) as Actor['roles'], teamId: null, locale: 'en' });

describe('ids', () => {
  it('makes RFC 9562 version-7 UUIDs that sort in creation order, even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(UUID_RE);
    expect(ids[0][14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(ids[0][19]);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('makes 128-bit tokens and stores only their hash', () => {
    const t = randomToken();
    expect(Buffer.from(t, 'base64url')).toHaveLength(16);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(t)).not.toBe(hashToken(randomToken()));
  });
});

describe('passwords', () => {
  it('verifies the right password only, and the hash carries its cost', async () => {
    const h = await hashPassword('correct horse', 10);
    expect(h.startsWith('scrypt$10$8$1$')).toBe(true);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('correct horsE', h)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
  it('uses OWASP’s scrypt cost by default', async () => {
    expect((await hashPassword('x'.repeat(8))).split('$')[1]).toBe('17');
  });
});

describe('cursors', () => {
  it('round-trip any key values', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 4 }), (values) => {
      expect(decodeCursor(encodeCursor(values), values.length)).toEqual(values);
    }));
  });
  it('reject a forged or foreign cursor with a field error', () => {
    for (const bad of ['garbage', encodeCursor([1]), Buffer.from('{"a":1}').toString('base64url'), encodeCursor([{ x: 1 }, 'a'])]) {
      expect(() => decodeCursor(bad, 2)).toThrowError(AppError);
    }
  });
});

describe('policy', () => {
  allow<{ orgId: string; ownerId: string }>('thing', 'read', (a, r) => r.ownerId === a.id || a.roles.has('executive'));
  allow<{ orgId: string; ownerId: string }>('thing', 'update', (a, r) => r.ownerId === a.id);

  it('never allows a record of another organisation, whatever the rule says', () => {
    expect(can(actor(['executive']), 'read', 'thing', { orgId: 'org-2', ownerId: 'u1' })).toBe(false);
  });
  it('answers 404 for what may not be read and 403 for what may be read but not changed', () => {
    const err = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return (e as AppError).status;
      }
      return 0;
    };
    expect(err(() => authorize(actor([]), 'update', 'thing', { orgId: 'org-1', ownerId: 'u2' }))).toBe(404);
    expect(err(() => authorize(actor(['executive']), 'update', 'thing', { orgId: 'org-1', ownerId: 'u2' }))).toBe(403);
    expect(err(() => authorize(actor([]), 'update', 'thing', { orgId: 'org-1', ownerId: 'u1' }))).toBe(0);
    expect(err(() => authorize(actor([]), 'fly', 'thing', { orgId: 'org-1', ownerId: 'u1' }))).toBe(403);
  });
});

describe('audit helpers', () => {
  it('diffs only changed fields and never reveals a password hash', () => {
    expect(diffRecords({ a: 1, b: 2, password_hash: 'x', version: 1 }, { a: 1, b: 3, password_hash: 'y', version: 2 })).toEqual({ b: [2, 3], password_hash: ['[redacted]', '[redacted]'] });
    expect(diffRecords(null, { a: 1 })).toEqual({ a: [null, 1] });
  });
  it('escapes control characters so input cannot start a new log line', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      expect(logSafe(s)).not.toMatch(/[\r\n\u2028\u2029]/);
    }));
    expect(logSafe('a\nb')).toBe('a\\u000ab');
  });
});

describe('dates', () => {
  it('tells the local calendar date of an instant in a time zone', async () => {
    const { localDate } = await import('./dates.js');
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-02T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-01');
  });
});
