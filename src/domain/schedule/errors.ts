/**
 * Errors thrown by the scheduler. Both are plain `Error` subclasses with stable fields so that the
 * server can map them without parsing messages: an input error to 400 `validation_failed`
 * (details `[{ path, message }]`), a cycle to 422 `rule_violated` (details `{ taskIds }`).
 */

/** Bad input: `path` is dotted the way the HTTP layer reports zod paths (`tasks.3.durationDays`). */
export class ScheduleInputError extends Error {
  readonly code = 'schedule_input' as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ScheduleInputError';
  }
}

/**
 * The dependencies (possibly through summary tasks) form a cycle. `taskIds` lists one cycle in
 * order, each task depending on the one before it and the first on the last, starting at the
 * smallest id; `dependencyIndexes` are the positions in the input's `dependencies` of the links
 * on that cycle (a step from a summary into its own subtask, or back, is structural and has none).
 */
export class ScheduleCycleError extends Error {
  readonly code = 'schedule_cycle' as const;
  constructor(
    readonly taskIds: string[],
    readonly dependencyIndexes: number[],
  ) {
    super(`The dependencies form a cycle: ${[...taskIds, taskIds[0]].join(' → ')}.`);
    this.name = 'ScheduleCycleError';
  }
}
