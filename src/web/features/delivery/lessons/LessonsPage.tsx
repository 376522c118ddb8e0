/** (to be built) */
export default function LessonsPage() {
  return null;
}
