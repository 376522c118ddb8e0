/**
 * Requests started before the app knows who is signed in, for the page a link or a reload opens
 * (the Gantt chart's plan is most of what that page waits for). They are started only when this
 * browser last knew itself signed in, so a signed-out visit does not ask for what it may not read;
 * the first query that wants the same path takes the answer, or asks again if it failed.
 */
const HINT_KEY = 'tandem.signedIn';
/** An early answer is only used this soon after the page loaded (after that it may be stale). */
const FRESH_MS = 15_000;

const early = new Map<string, { at: number; answer: Promise<unknown> }>();

export function setSignedInHint(signedIn: boolean) {
  try {
    if (signedIn) window.localStorage.setItem(HINT_KEY, '1');
    else window.localStorage.removeItem(HINT_KEY);
  } catch {
    // storage may be unavailable (private mode): no early requests then
  }
}

function signedInHint(): boolean {
  try {
    return window.localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

/** Starts GET /api/v1{path} now, if this browser is probably signed in. */
export function startEarly(path: string) {
  if (typeof window === 'undefined' || early.has(path) || !signedInHint()) return;
  const answer = fetch(`/api/v1${path}`, { credentials: 'same-origin', headers: { accept: 'application/json' } }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))));
  answer.catch(() => undefined); // a failure is handled by whoever takes it (or by nobody)
  early.set(path, { at: performance.now(), answer });
}

/** The early answer for GET /api/v1{path}, once, or undefined (ask the usual way). */
export function takeEarly<T>(path: string): Promise<T> | undefined {
  const found = early.get(path);
  if (!found) return undefined;
  early.delete(path);
  return performance.now() - found.at < FRESH_MS ? (found.answer as Promise<T>) : undefined;
}

/** Uses the early answer when there is one and it arrived; otherwise `ask()`. */
export function earlyOr<T>(path: string, ask: () => Promise<T>): Promise<T> {
  const taken = takeEarly<T>(path);
  return taken ? taken.catch(ask) : ask();
}
