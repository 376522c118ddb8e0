import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOutlineAction, layOut, OutlineError, type OutlineNode } from './outline.js';

const n = (id: string, parentId: string | null, position: number): OutlineNode => ({ id, parentId, position });
const wbs = (nodes: OutlineNode[]) => Object.fromEntries(layOut(nodes).map((p) => [p.id, p.wbs]));

const plan = [n('a', null, 0), n('b', null, 1), n('b1', 'b', 0), n('b2', 'b', 1), n('c', null, 2)];

describe('outline', () => {
  it('numbers a tree in pre-order with dotted WBS codes', () => {
    expect(layOut(plan).map((p) => `${p.wbs}:${p.id}`)).toEqual(['1:a', '2:b', '2.1:b1', '2.2:b2', '3:c']);
  });
  it('renumbers gaps and breaks ties by id', () => {
    expect(wbs([n('x', null, 5), n('w', null, 5), n('y', null, 9)])).toEqual({ w: '1', x: '2', y: '3' });
  });
  it('indents under the task above, as its last child', () => {
    expect(wbs(applyOutlineAction(plan, 'c', 'indent'))).toEqual({ a: '1', b: '2', b1: '2.1', b2: '2.2', c: '2.3' });
    expect(wbs(applyOutlineAction(plan, 'b2', 'indent'))).toEqual({ a: '1', b: '2', b1: '2.1', b2: '2.1.1', c: '3' });
  });
  it('outdents to just after the parent', () => {
    expect(wbs(applyOutlineAction(plan, 'b1', 'outdent'))).toEqual({ a: '1', b: '2', b2: '2.1', b1: '3', c: '4' });
  });
  it('moves up and down among siblings only', () => {
    expect(wbs(applyOutlineAction(plan, 'b2', 'up'))).toMatchObject({ b2: '2.1', b1: '2.2' });
    expect(wbs(applyOutlineAction(plan, 'a', 'down'))).toMatchObject({ b: '1', a: '2', b1: '1.1' });
  });
  it('refuses what cannot apply, with a reason', () => {
    expect(() => applyOutlineAction(plan, 'a', 'indent')).toThrow(OutlineError);
    expect(() => applyOutlineAction(plan, 'a', 'outdent')).toThrow(/top level/);
    expect(() => applyOutlineAction(plan, 'c', 'down')).toThrow(/last/);
    expect(() => applyOutlineAction(plan, 'zz', 'up')).toThrow(OutlineError);
  });
  it('keeps every task and a valid tree under any sequence of actions', () => {
    const actions = fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.constantFrom('indent', 'outdent', 'up', 'down' as const)), { maxLength: 40 });
    fc.assert(
      fc.property(actions, (steps) => {
        let nodes: OutlineNode[] = Array.from({ length: 8 }, (_, i) => n(`t${i}`, null, i));
        for (const [i, action] of steps) {
          try {
            nodes = applyOutlineAction(nodes, `t${i}`, action);
          } catch (e) {
            if (!(e instanceof OutlineError)) throw e;
          }
        }
        const placed = layOut(nodes);
        expect(placed).toHaveLength(8);
        expect(new Set(placed.map((p) => p.wbs)).size).toBe(8);
        for (const p of placed) if (p.parentId) expect(placed.find((q) => q.id === p.parentId)!.order).toBeLessThan(p.order);
      }),
    );
  });
});
