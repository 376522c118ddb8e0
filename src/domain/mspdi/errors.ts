export type MspdiErrorCode = 'not_xml' | 'not_mspdi' | 'malformed' | 'too_large' | 'too_many_tasks';

/** A file the importer refuses, with a stable code (the HTTP layer maps `too_large` to 413, the rest to 400/422). */
export class MspdiError extends Error {
  constructor(
    readonly code: MspdiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MspdiError';
  }
}
