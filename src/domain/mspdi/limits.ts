export interface MspdiLimits {
  /** Bytes of the file (checked by `MspdiStreamParser.writeBytes`). */
  maxBytes: number;
  /** Tasks in the file, the project summary task (outline level 0) not counted. */
  maxTasks: number;
}

export const MSPDI_LIMITS: MspdiLimits = { maxBytes: 200 * 1024 * 1024, maxTasks: 200_000 };
