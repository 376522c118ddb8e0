import { describe, expect, it } from 'vitest';
import { closingGaps, rankSuggestedLessons } from './suggest.js';

const lesson = (id: string, projectId: string, industry: string, tags: string[], createdAt = '2026-01-01T00:00:00.000Z') => ({ id, projectId, industry, tags, createdAt });

describe('rankSuggestedLessons', () => {
  const project = { id: 'p', industry: '制造业 Manufacturing', tags: ['IoT', 'MES', 'BI'] };

  it('ranks same industry and shared tags, leaves out unrelated lessons and the project\'s own', () => {
    const ranked = rankSuggestedLessons(project, [
      lesson('a', 'q', '制造业 Manufacturing', []), // 3
      lesson('b', 'q', 'Retail', ['iot', 'bi']), // 4 (case-insensitive tags)
      lesson('c', 'q', ' 制造业 manufacturing ', ['MES']), // 5
      lesson('d', 'q', 'Retail', ['CRM']), // 0: not offered
      lesson('e', 'p', '制造业 Manufacturing', ['IoT', 'MES']), // own project: not offered
    ]);
    expect(ranked.map((r) => [r.lesson.id, r.score])).toEqual([['c', 5], ['b', 4], ['a', 3]]);
    expect(ranked[0]).toMatchObject({ sameIndustry: true, sharedTags: ['MES'] });
    expect(ranked[1]).toMatchObject({ sameIndustry: false, sharedTags: ['iot', 'bi'] });
  });

  it('breaks ties by the newer lesson, then id, and honours the limit', () => {
    const ranked = rankSuggestedLessons(project, [
      lesson('x', 'q', 'Retail', ['IoT'], '2026-01-01T00:00:00.000Z'),
      lesson('z', 'q', 'Retail', ['BI'], '2026-03-01T00:00:00.000Z'),
      lesson('y', 'q', 'Retail', ['MES'], '2026-01-01T00:00:00.000Z'),
    ], 2);
    expect(ranked.map((r) => r.lesson.id)).toEqual(['z', 'x']);
  });

  it('a project without industry or tags gets no suggestions', () => {
    expect(rankSuggestedLessons({ id: 'p', industry: '', tags: [] }, [lesson('a', 'q', '', ['x'])])).toEqual([]);
  });
});

describe('closingGaps', () => {
  const ready = { items: [{ done: true }], acceptedBy: 'Zhang Wei', acceptedOn: '2026-11-20', wentWell: 'Team', wentBadly: '', lessons: 1 };
  it('is empty when everything is there', () => expect(closingGaps(ready)).toEqual([]));
  it('names every missing part', () => {
    expect(closingGaps({ items: [], acceptedBy: ' ', acceptedOn: null, wentWell: '', wentBadly: ' ', lessons: 0 })).toEqual(['checklist', 'acceptance', 'retrospective', 'lesson']);
    expect(closingGaps({ ...ready, items: [{ done: true }, { done: false }] })).toEqual(['checklist']);
    expect(closingGaps({ ...ready, acceptedOn: null })).toEqual(['acceptance']);
    expect(closingGaps({ ...ready, lessons: 0 })).toEqual(['lesson']);
  });
});
