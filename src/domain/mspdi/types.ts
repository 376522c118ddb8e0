/**
 * Microsoft Project XML (MSPDI) as read from a file: the raw values we use, before they become a
 * Tandem plan (`plan.ts`). Units stay as Microsoft Project writes them: durations in minutes (from
 * `PT#H#M#S`), lags and slack in tenths of a minute, instants as local `YYYY-MM-DDTHH:MM:SS`
 * strings without a zone.
 */

export const MSPDI_NAMESPACE = 'http://schemas.microsoft.com/project';

/** A span of working time within a day, in minutes after midnight; `to` may be 1440. */
export interface MspdiWorkingTime {
  from: number;
  to: number;
}

export interface MspdiWeekDay {
  /** 1 = Sunday … 7 = Saturday, as Microsoft Project numbers them (0 is an old-style exception). */
  dayType: number;
  working: boolean;
  times: MspdiWorkingTime[];
  /** Old-style (Project 2003) exception: a `WeekDay` with DayType 0 and a TimePeriod. */
  fromDate?: string | null;
  toDate?: string | null;
}

/**
 * A calendar exception. `type` is Microsoft Project's recurrence type: 0 or absent a plain range of
 * days, 1 and 7 daily (every `period` days), 2 yearly on `month` (0 = January) / `monthDay`, 3
 * yearly relative, 4 monthly on `monthDay` every `period` months, 5 monthly relative, 6 weekly on
 * the days of `daysOfWeek` (bit 0 = Sunday … bit 6 = Saturday) every `period` weeks.
 */
export interface MspdiCalendarException {
  name: string;
  fromDate: string | null;
  toDate: string | null;
  working: boolean;
  type: number | null;
  period: number | null;
  occurrences: number | null;
  month: number | null;
  monthDay: number | null;
  daysOfWeek: number | null;
  times: MspdiWorkingTime[];
}

export interface MspdiCalendar {
  uid: string;
  name: string;
  isBase: boolean;
  baseUid: string | null;
  weekDays: MspdiWeekDay[];
  exceptions: MspdiCalendarException[];
  /** Project 2010+ alternative work weeks (not applied; reported as a warning). */
  workWeeks: number;
}

/** 0 FF, 1 FS, 2 SF, 3 SS in the file. */
export type MspdiLinkType = 'FF' | 'FS' | 'SF' | 'SS';
export const MSPDI_LINK_TYPES: readonly MspdiLinkType[] = ['FF', 'FS', 'SF', 'SS'];

export interface MspdiLink {
  predecessorUid: string;
  type: MspdiLinkType;
  /** Tenths of a minute (4800 = one 8-hour day); a percentage for the percent lag formats. */
  linkLag: number;
  /** Duration format of the lag: 7 days, 9 weeks, 5 hours …; the elapsed formats are even (8 = ed). */
  lagFormat: number | null;
  crossProject: boolean;
}

export interface MspdiBaseline {
  number: number;
  start: string | null;
  finish: string | null;
  /** Minutes. */
  duration: number | null;
  /** Minutes. */
  work: number | null;
  /** Currency units (not minor units). */
  cost: number | null;
}

export interface MspdiTask {
  uid: string;
  id: number | null;
  name: string | null;
  active: boolean;
  manual: boolean;
  isNull: boolean;
  wbs: string | null;
  outlineNumber: string | null;
  outlineLevel: number | null;
  start: string | null;
  finish: string | null;
  /** Minutes of working time. */
  duration: number | null;
  durationFormat: number | null;
  /** Minutes. */
  work: number | null;
  milestone: boolean;
  summary: boolean;
  critical: boolean | null;
  earlyStart: string | null;
  earlyFinish: string | null;
  lateStart: string | null;
  lateFinish: string | null;
  /** Tenths of a minute. */
  freeSlack: number | null;
  /** Tenths of a minute. */
  totalSlack: number | null;
  percentComplete: number;
  actualStart: string | null;
  actualFinish: string | null;
  /** 0 ASAP, 1 ALAP, 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT. */
  constraintType: number;
  constraintDate: string | null;
  deadline: string | null;
  /** Tenths of a minute of leveling delay (resource levelling moved the task). */
  levelingDelay: number | null;
  calendarUid: string | null;
  isSubproject: boolean;
  externalTask: boolean;
  links: MspdiLink[];
  baselines: MspdiBaseline[];
}

export interface MspdiResource {
  uid: string;
  name: string | null;
  email: string | null;
  isNull: boolean;
}

export interface MspdiAssignment {
  taskUid: string;
  resourceUid: string;
  /** 1 = 100 %. */
  units: number | null;
}

export interface MspdiDocument {
  /** The root element's namespace. */
  namespace: string;
  saveVersion: number | null;
  name: string | null;
  title: string | null;
  scheduleFromStart: boolean;
  startDate: string | null;
  finishDate: string | null;
  statusDate: string | null;
  currencyCode: string | null;
  currencyDigits: number | null;
  calendarUid: string | null;
  defaultStartTime: number | null;
  defaultFinishTime: number | null;
  minutesPerDay: number | null;
  minutesPerWeek: number | null;
  daysPerMonth: number | null;
  calendars: MspdiCalendar[];
  tasks: MspdiTask[];
  resources: MspdiResource[];
  assignments: MspdiAssignment[];
}
