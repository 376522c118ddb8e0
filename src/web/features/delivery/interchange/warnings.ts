import type { TFunction } from 'i18next';
import type { ImportWarning } from './api.js';

/** Warning codes the web app has words for; any other shows the server's English message. */
export const KNOWN_WARNINGS = [
  'rounded_durations', 'elapsed_durations', 'long_durations', 'rounded_lags', 'elapsed_lags', 'percent_lags', 'alap_constraints', 'constraint_without_date',
  'summary_constraints_dropped', 'manual_tasks', 'inactive_tasks', 'external_tasks', 'milestone_with_duration', 'deadlines_ignored', 'leveling_delay',
  'task_calendars_ignored', 'cross_project_links', 'unknown_link_targets', 'links_to_excluded', 'summary_links_dropped', 'self_links', 'duplicate_links',
  'other_baselines', 'calendar_missing', 'calendar_no_working_days', 'uneven_days', 'work_weeks_ignored', 'recurring_exception_ignored',
  'partial_day_exception', 'exceptions_truncated', 'schedule_from_finish', 'duplicate_uid', 'outline_gap', 'long_names', 'resources_unmatched',
] as const;

const known = new Set<string>(KNOWN_WARNINGS);

export function warningText(w: ImportWarning, t: TFunction): string {
  return known.has(w.code) ? t(`interchange.warnings.${w.code as (typeof KNOWN_WARNINGS)[number]}`) : w.message;
}

/** The refusal reasons with words of their own (the rest show the server's message). */
export const REFUSALS = ['not_xml', 'not_mspdi', 'malformed', 'too_large', 'too_many_tasks'] as const;
