/**
 * Microsoft Project XML (MSPDI) interchange, pure: `parse.ts` (streaming reader → document →
 * plan + warnings), `plan.ts` (document → Tandem plan), `serialize.ts` (Tandem plan → MSPDI).
 */
export { MspdiError, type MspdiErrorCode } from './errors.js';
export { MSPDI_LIMITS, type MspdiLimits } from './limits.js';
export { MspdiStreamParser, parseMspdi, parseMspdiPlan, type ParsedMspdi } from './parse.js';
export { finishDateOf, startDateOf, toImportPlan, type ImportPlan, type PlanAssignment, type PlanBaseline, type PlanCalendar, type PlanDependency, type PlanOptions, type PlanTask } from './plan.js';
export { escapeXml, serializeMspdi, toMspdiXml, workingTimes, type ExportInput, type ExportTask } from './serialize.js';
export { MSPDI_NAMESPACE, type MspdiDocument, type MspdiTask } from './types.js';
export { formatDurationMinutes, parseDurationMinutes, splitInstant } from './units.js';
export type { ImportWarning } from './warnings.js';
