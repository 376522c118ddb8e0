/** mulberry32: a small, fast PRNG; the same seed gives the same demo company on every machine. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    /** A deterministic UUIDv7-shaped id, so ids are stable across runs of the generator. */
    uuid(ms: number) {
      const hex = (n: number, len: number) => Math.floor(n).toString(16).padStart(len, '0').slice(-len);
      const t = hex(ms, 12);
      const r = () => hex(next() * 0x10000, 4);
      return `${t.slice(0, 8)}-${t.slice(8)}-7${r().slice(1)}-${((8 + Math.floor(next() * 4)).toString(16))}${r().slice(1)}-${r()}${r()}${r()}`;
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
