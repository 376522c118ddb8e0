import type { Project } from '../types.js';

/** Closing checklist, acceptance and retrospective (to be built). */
export default function ClosingTab(_props: { project: Project }) {
  return null;
}
