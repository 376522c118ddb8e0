import { createHash, randomBytes, randomFillSync } from 'node:crypto';

let lastMs = 0;
let counter = 0;

// Random bytes drawn from the OS 4 KiB at a time: one call per 256 ids instead of one per id
// (a call costs far more than the bytes, which counted in bulk imports).
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;
function random16(): Buffer {
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const b = Buffer.from(POOL.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return b;
}

/**
 * A UUIDv7 (RFC 9562): 48-bit millisecond timestamp, a 12-bit counter (method 1 of §6.2, so ids
 * made in the same millisecond still sort in creation order within this process), random bits.
 */
export function uuidv7(at: number = Date.now()): string {
  let now = Math.floor(at);
  if (now <= lastMs) {
    now = lastMs;
    counter++;
    if (counter > 0xfff) {
      now = ++lastMs;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = Math.floor(Math.random() * 0x400);
  }
  const b = random16();
  b[0] = Math.floor(now / 2 ** 40) & 0xff;
  b[1] = Math.floor(now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A 128-bit random secret, base64url, for session and invitation tokens. */
export function randomToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a database leak does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
