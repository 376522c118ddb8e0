/**
 * Lessons offered to a project "like the old one" (DOMAIN.md, "Lesson learned"): lessons of OTHER
 * projects, ranked by resemblance. A lesson resembles the project when it is from the same industry
 * or shares tags with it; one with neither is not offered.
 *
 *   score = 3 × (same industry) + 2 × (number of shared tags)
 *
 * Industry and tags compare case-insensitively, trimmed. Ties: the newer lesson first, then by id.
 */
export interface LessonCandidate {
  id: string;
  projectId: string;
  industry: string;
  tags: readonly string[];
  createdAt: string;
}

export interface ProjectLike {
  id: string;
  industry: string;
  tags: readonly string[];
}

export interface RankedLesson<L extends LessonCandidate> {
  lesson: L;
  score: number;
  sameIndustry: boolean;
  sharedTags: string[];
}

export const INDUSTRY_WEIGHT = 3;
export const TAG_WEIGHT = 2;

const norm = (s: string) => s.trim().toLowerCase();

export function rankSuggestedLessons<L extends LessonCandidate>(project: ProjectLike, lessons: readonly L[], limit = 10): RankedLesson<L>[] {
  const industry = norm(project.industry);
  const tags = new Set(project.tags.map(norm).filter(Boolean));
  const ranked: RankedLesson<L>[] = [];
  for (const lesson of lessons) {
    if (lesson.projectId === project.id) continue;
    const sameIndustry = industry !== '' && norm(lesson.industry) === industry;
    const sharedTags = [...new Set(lesson.tags.filter((t) => tags.has(norm(t))))];
    const score = (sameIndustry ? INDUSTRY_WEIGHT : 0) + TAG_WEIGHT * sharedTags.length;
    if (score > 0) ranked.push({ lesson, score, sameIndustry, sharedTags });
  }
  ranked.sort((a, b) => b.score - a.score || (a.lesson.createdAt < b.lesson.createdAt ? 1 : a.lesson.createdAt > b.lesson.createdAt ? -1 : 0) || (a.lesson.id < b.lesson.id ? -1 : 1));
  return ranked.slice(0, Math.max(0, limit));
}

/** What a project still lacks before it may be closed (DOMAIN.md: closing asks for the retrospective). */
export type ClosingGap = 'checklist' | 'acceptance' | 'retrospective' | 'lesson';

export function closingGaps(s: { items: readonly { done: boolean }[]; acceptedBy: string; acceptedOn: string | null; wentWell: string; wentBadly: string; lessons: number }): ClosingGap[] {
  const gaps: ClosingGap[] = [];
  if (s.items.length === 0 || s.items.some((i) => !i.done)) gaps.push('checklist');
  if (!s.acceptedBy.trim() || !s.acceptedOn) gaps.push('acceptance');
  if (!s.wentWell.trim() && !s.wentBadly.trim()) gaps.push('retrospective');
  if (s.lessons < 1) gaps.push('lesson');
  return gaps;
}
