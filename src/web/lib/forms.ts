import type { FormInstance } from 'antd';
import { isApiError, type FieldIssue } from './api.js';

/**
 * Puts the field errors of a 400 on the form's fields (paths like `email` or `exceptions.2.date`
 * go on their first segment when that is a field of the form). Answers the issues that fit no field.
 */
export function applyFieldIssues(form: FormInstance, issues: FieldIssue[], fields: readonly string[]): FieldIssue[] {
  const known = new Set(fields);
  const byField = new Map<string, string[]>();
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    const head = issue.path.split('.')[0] ?? '';
    if (known.has(head)) byField.set(head, [...(byField.get(head) ?? []), issue.message]);
    else rest.push(issue);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest;
}

export function fieldIssuesOf(err: unknown): FieldIssue[] {
  return isApiError(err) && err.status === 400 ? err.fieldIssues : [];
}

/** The fields of `next` that differ from `prev` (compared as JSON). */
export function changedFields<T extends object>(prev: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(next) as (keyof T)[]) {
    if (JSON.stringify(prev[k] ?? null) !== JSON.stringify(next[k] ?? null)) out[k] = next[k];
  }
  return out;
}
