export type ErrorCode =
  | 'not_found'
  | 'validation_failed'
  | 'forbidden'
  | 'conflict'
  | 'unauthenticated'
  | 'rate_limited'
  | 'rule_violated'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'csrf_rejected'
  | 'account_locked'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  validation_failed: 400,
  forbidden: 403,
  conflict: 409,
  unauthenticated: 401,
  rate_limited: 429,
  rule_violated: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  csrf_rejected: 403,
  account_locked: 423,
  internal_error: 500,
};

export interface FieldIssue {
  path: string;
  message: string;
}

/** A condition a user can hit. Rendered once, as { error: { code, message, details } }. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found.`);
export const forbidden = (message = 'You may not do this.') => new AppError('forbidden', message);
export const unauthenticated = (message = 'Sign in first.') => new AppError('unauthenticated', message);
export const validationFailed = (details: FieldIssue[], message = 'Some fields are not valid.') =>
  new AppError('validation_failed', message, details);
/** A stale version: details carry the current record so the client can merge. */
export const staleVersion = (current: unknown) =>
  new AppError('conflict', 'Someone else changed this record since you loaded it.', { current });
export const ruleViolated = (message: string, details?: unknown) => new AppError('rule_violated', message, details);
