import type { Project } from '../types.js';

/** Weekly status reports (to be built). */
export default function ReportsTab(_props: { project: Project }) {
  return null;
}
