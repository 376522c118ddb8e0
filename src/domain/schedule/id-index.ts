/**
 * String id → position, for the scheduler's hot path.
 *
 * A `Map<string, number>` costs a few hundred nanoseconds per lookup of a string that V8 has not
 * hashed yet (every id parsed from a request), which made id resolution half of the schedule's time
 * at 100k tasks. This open-addressing table (FNV-1a over UTF-16 code units, linear probing, load
 * <= 1/2, the full 32-bit hash kept next to each entry so that a collision costs no string
 * comparison, typed arrays) is about twice as fast on freshly parsed ids, short or UUID.
 * (Resolving references in batches, verifying them in the order of the ids, was tried and lost:
 * it trades random reads of the task ids for random reads of the dependency objects.)
 *
 * Ids come from users, so a crafted set of colliding ids must not turn lookups quadratic: when
 * probing costs far more than it should, the index switches to a Map.
 */
export class IdIndex {
  /** Pairs [hash, position]; position −1 marks an empty slot. */
  private readonly table: Int32Array;
  private readonly mask: number;
  private map: Map<string, number> | undefined;
  private probes = 0;
  private lookups = 0;

  /** True once the index has given up on its table (for tests). */
  get usesMap(): boolean {
    return this.map !== undefined;
  }

  /**
   * Indexes `ids`; `onDuplicate(i, first)` is called for an id seen before at `first` (the later
   * position is not indexed). `hash` is replaceable for tests.
   */
  constructor(
    private readonly ids: readonly string[],
    onDuplicate: (i: number, first: number) => void,
    private readonly hash: (s: string) => number = fnv1a,
  ) {
    let cap = 16;
    while (cap < ids.length * 2) cap *= 2;
    const table = new Int32Array(2 * cap);
    for (let j = 1; j < table.length; j += 2) table[j] = -1;
    this.table = table;
    this.mask = cap - 1;
    const budget = 8 * ids.length + 1024;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (this.map) {
        const first = this.map.get(id);
        if (first !== undefined) onDuplicate(i, first);
        else this.map.set(id, i);
        continue;
      }
      const h = this.hash(id);
      let j = h & this.mask;
      let slot: number;
      while ((slot = table[2 * j + 1]) !== -1) {
        if (table[2 * j] === h && ids[slot] === id) break;
        j = (j + 1) & this.mask;
        this.probes++;
      }
      if (slot !== -1) onDuplicate(i, slot);
      else {
        table[2 * j] = h;
        table[2 * j + 1] = i;
      }
      if (this.probes > budget) this.switchToMap(i + 1);
    }
  }

  /** Position of `id`, or −1. */
  get(id: string): number {
    if (this.map) return this.map.get(id) ?? -1;
    if (typeof id !== 'string') return -1;
    const ids = this.ids;
    const table = this.table;
    const h = this.hash(id);
    let j = h & this.mask;
    let slot: number;
    let probes = 0;
    while ((slot = table[2 * j + 1]) !== -1) {
      if (table[2 * j] === h && ids[slot] === id) break;
      j = (j + 1) & this.mask;
      probes++;
    }
    this.countLookup(probes);
    return slot;
  }

  private countLookup(probes: number): void {
    this.lookups++;
    if (probes === 0) return;
    this.probes += probes;
    if (this.lookups > 64 && this.probes > 8 * this.lookups + 8 * this.ids.length + 1024) this.switchToMap(this.ids.length);
  }

  private switchToMap(indexedUpTo: number): void {
    const map = new Map<string, number>();
    for (let i = 0; i < indexedUpTo; i++) if (!map.has(this.ids[i])) map.set(this.ids[i], i);
    this.map = map;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5 ^ s.length;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 13);
}
