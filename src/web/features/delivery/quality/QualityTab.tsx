import type { Project } from '../types.js';

/** Deliverables, reviews and defects (to be built). */
export default function QualityTab(_props: { project: Project }) {
  return null;
}
