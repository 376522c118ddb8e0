import type { Project } from '../types.js';

/** Stakeholders and the communication plan (to be built). */
export default function StakeholdersTab(_props: { project: Project }) {
  return null;
}
