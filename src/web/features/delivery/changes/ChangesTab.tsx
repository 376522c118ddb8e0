import type { Project } from '../types.js';

/** Change requests (to be built). */
export default function ChangesTab(_props: { project: Project }) {
  return null;
}
