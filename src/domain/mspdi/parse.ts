/**
 * A streaming reader of Microsoft Project XML (MSPDI). Bytes or text go in as they arrive (an HTTP
 * body, a file stream); a SAX parser (saxes: strict XML 1.0, no DTD, no external entities) turns
 * them into events, and this module keeps only the values a plan needs, so memory grows with the
 * number of tasks, not with the size of the file.
 *
 * `parseMspdi` / `MspdiStreamParser.finish` answer the raw document (`types.ts`); `toImportPlan`
 * (`plan.ts`) turns it into a Tandem plan with warnings. `parseMspdiPlan` does both.
 *
 * Refused, each with its own `MspdiError.code`: bytes that are not XML (`not_xml`, with a hint for
 * a binary .mpp file), XML whose root is not `<Project xmlns="http://schemas.microsoft.com/project">`
 * (`not_mspdi`), broken XML or a DOCTYPE (`malformed`, with line and column), more than
 * `maxBytes` (`too_large`), more than `maxTasks` tasks (`too_many_tasks`).
 */

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { MspdiError } from './errors.js';
import { MSPDI_LIMITS, type MspdiLimits } from './limits.js';
import { toImportPlan, type ImportPlan, type PlanOptions } from './plan.js';
import {
  MSPDI_LINK_TYPES,
  MSPDI_NAMESPACE,
  type MspdiAssignment,
  type MspdiBaseline,
  type MspdiCalendar,
  type MspdiCalendarException,
  type MspdiDocument,
  type MspdiLink,
  type MspdiResource,
  type MspdiTask,
  type MspdiWeekDay,
  type MspdiWorkingTime,
} from './types.js';
import { parseBool, parseDurationMinutes, parseNumber, parseTimeOfDay } from './units.js';
import type { ImportWarning } from './warnings.js';

/** Longest text kept from one element (a name, a note); longer text is cut. */
const MAX_TEXT = 4000;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function emptyTask(uid = ''): MspdiTask {
  return {
    uid, id: null, name: null, active: true, manual: false, isNull: false, wbs: null, outlineNumber: null, outlineLevel: null,
    start: null, finish: null, duration: null, durationFormat: null, work: null, milestone: false, summary: false, critical: null,
    earlyStart: null, earlyFinish: null, lateStart: null, lateFinish: null, freeSlack: null, totalSlack: null, percentComplete: 0,
    actualStart: null, actualFinish: null, constraintType: 0, constraintDate: null, deadline: null, levelingDelay: null, calendarUid: null,
    isSubproject: false, externalTask: false, links: [], baselines: [],
  };
}

const emptyException = (): MspdiCalendarException => ({ name: '', fromDate: null, toDate: null, working: false, type: null, period: null, occurrences: null, month: null, monthDay: null, daysOfWeek: null, times: [] });

const text = (s: string) => (s === '' ? null : s);

/** Feed it chunks, then `finish()`. Throws `MspdiError` as soon as the input is refused. */
export class MspdiStreamParser {
  private readonly limits: MspdiLimits;
  private readonly sax: SaxesParser<{ xmlns: false; position: true }>;
  private decoder: TextDecoder | null = null;
  private bytes = 0;
  private sawContent = false;
  private rootSeen = false;
  private readonly stack: string[] = [];
  private buf = '';
  private readonly doc: MspdiDocument = {
    namespace: '', saveVersion: null, name: null, title: null, scheduleFromStart: true, startDate: null, finishDate: null, statusDate: null,
    currencyCode: null, currencyDigits: null, calendarUid: null, defaultStartTime: null, defaultFinishTime: null, minutesPerDay: null,
    minutesPerWeek: null, daysPerMonth: null, calendars: [], tasks: [], resources: [], assignments: [],
  };
  private taskCount = 0;
  private task: MspdiTask | null = null;
  private link: MspdiLink | null = null;
  private baseline: MspdiBaseline | null = null;
  private calendar: MspdiCalendar | null = null;
  private weekDay: MspdiWeekDay | null = null;
  private exception: MspdiCalendarException | null = null;
  private time: MspdiWorkingTime | null = null;
  private resource: MspdiResource | null = null;
  private assignment: MspdiAssignment | null = null;

  constructor(limits: Partial<MspdiLimits> = {}) {
    this.limits = { ...MSPDI_LIMITS, ...limits };
    // Namespaces are checked by hand on the root: resolving them for every element costs a third of the time.
    this.sax = new SaxesParser({ xmlns: false, position: true });
    this.sax.on('error', (err) => {
      if (!this.rootSeen) throw new MspdiError('not_xml', `This file is not XML: ${err.message}`);
      throw new MspdiError('malformed', `The XML is broken: ${err.message}`);
    });
    this.sax.on('doctype', () => {
      throw new MspdiError('malformed', 'The file declares a DOCTYPE, which MSPDI files never do; it was refused.');
    });
    this.sax.on('opentag', (tag) => this.open(tag));
    this.sax.on('closetag', () => this.close());
    this.sax.on('text', (t) => {
      if (this.buf.length < MAX_TEXT) this.buf += t;
    });
    this.sax.on('cdata', (t) => {
      if (this.buf.length < MAX_TEXT) this.buf += t;
    });
  }

  /** Raw bytes: UTF-8 (with or without a BOM) or UTF-16 with a BOM. */
  writeBytes(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    if (this.bytes > this.limits.maxBytes) throw new MspdiError('too_large', `The file is larger than ${mb(this.limits.maxBytes)}.`);
    if (!this.decoder) {
      if (chunk.byteLength >= 4 && chunk[0] === 0xd0 && chunk[1] === 0xcf && chunk[2] === 0x11 && chunk[3] === 0xe0) {
        throw new MspdiError('not_xml', 'This is a binary Microsoft Project file (.mpp). In Microsoft Project choose File → Save As → XML Format (*.xml), then import that file.');
      }
      const le = chunk[0] === 0xff && chunk[1] === 0xfe;
      const be = chunk[0] === 0xfe && chunk[1] === 0xff;
      this.decoder = new TextDecoder(le ? 'utf-16le' : be ? 'utf-16be' : 'utf-8', { fatal: true });
    }
    let s: string;
    try {
      s = this.decoder.decode(chunk, { stream: true });
    } catch {
      throw new MspdiError('not_xml', 'This file is not XML text (it is not valid UTF-8).');
    }
    this.write(s);
  }

  write(chunk: string): void {
    if (!this.sawContent) {
      const t = chunk.replace(/^[\uFEFF\s]+/, '');
      if (t === '') return;
      this.sawContent = true;
      if (t[0] !== '<') throw new MspdiError('not_xml', 'This file is not XML: it does not start with "<".');
      chunk = t;
    }
    this.sax.write(chunk);
  }

  finish(): MspdiDocument {
    if (this.decoder) {
      let rest: string;
      try {
        rest = this.decoder.decode();
      } catch {
        throw new MspdiError('not_xml', 'This file is not XML text (it is not valid UTF-8).');
      }
      if (rest) this.write(rest);
    }
    if (!this.sawContent) throw new MspdiError('not_xml', 'The file is empty.');
    this.sax.close();
    if (!this.rootSeen) throw new MspdiError('not_xml', 'This file is not XML: it has no root element.');
    return this.doc;
  }

  private open(tag: SaxesTagPlain): void {
    const colon = tag.name.indexOf(':');
    const name = colon < 0 ? tag.name : tag.name.slice(colon + 1);
    const s = this.stack;
    s.push(name);
    this.buf = '';
    const d = s.length;
    if (d === 1) {
      this.rootSeen = true;
      const uri = tag.attributes[colon < 0 ? 'xmlns' : `xmlns:${tag.name.slice(0, colon)}`] ?? '';
      if (name !== 'Project' || !(uri === MSPDI_NAMESPACE || uri.startsWith(`${MSPDI_NAMESPACE}/`))) {
        throw new MspdiError('not_mspdi', `This XML is not a Microsoft Project file: its root element is <${tag.name}>${uri ? ` in ${uri}` : ''}, not <Project xmlns="${MSPDI_NAMESPACE}">.`);
      }
      this.doc.namespace = uri;
      return;
    }
    const section = s[1];
    if (d === 3) {
      if (section === 'Tasks' && name === 'Task') {
        // The project summary task (outline level 0) may come on top of the limit.
        if (this.taskCount > this.limits.maxTasks) throw new MspdiError('too_many_tasks', `The file has more than ${this.limits.maxTasks.toLocaleString('en')} tasks.`);
        this.taskCount++;
        this.task = emptyTask();
      } else if (section === 'Calendars' && name === 'Calendar') {
        this.calendar = { uid: '', name: '', isBase: false, baseUid: null, weekDays: [], exceptions: [], workWeeks: 0 };
      } else if (section === 'Resources' && name === 'Resource') {
        this.resource = { uid: '', name: null, email: null, isNull: false };
      } else if (section === 'Assignments' && name === 'Assignment') {
        this.assignment = { taskUid: '', resourceUid: '', units: null };
      }
      return;
    }
    if (d === 4 && this.task && s[2] === 'Task') {
      if (name === 'PredecessorLink') this.link = { predecessorUid: '', type: 'FS', linkLag: 0, lagFormat: null, crossProject: false };
      else if (name === 'Baseline') this.baseline = { number: 0, start: null, finish: null, duration: null, work: null, cost: null };
      return;
    }
    if (this.calendar && s[2] === 'Calendar') {
      if (d === 4 && name === 'WorkWeeks') return;
      if (d === 5 && s[3] === 'WeekDays' && name === 'WeekDay') this.weekDay = { dayType: -1, working: false, times: [] };
      else if (d === 5 && s[3] === 'Exceptions' && name === 'Exception') this.exception = emptyException();
      else if (d === 5 && s[3] === 'WorkWeeks' && name === 'WorkWeek') this.calendar.workWeeks++;
      else if (d === 7 && name === 'WorkingTime' && s[5] === 'WorkingTimes' && (this.weekDay || this.exception)) this.time = { from: -1, to: -1 };
    }
  }

  private close(): void {
    const s = this.stack;
    const d = s.length;
    const name = s[d - 1];
    const value = this.buf.trim();
    this.buf = '';
    try {
      if (d === 2) this.header(name, value);
      else if (this.task) this.closeInTask(d, name, value);
      else if (this.calendar) this.closeInCalendar(d, name, value);
      else if (this.resource) this.closeInResource(d, name, value);
      else if (this.assignment) this.closeInAssignment(d, name, value);
    } finally {
      s.pop();
    }
  }

  private header(name: string, v: string): void {
    const doc = this.doc;
    switch (name) {
      case 'SaveVersion': doc.saveVersion = parseNumber(v); break;
      case 'Name': doc.name = text(v); break;
      case 'Title': doc.title = text(v); break;
      case 'ScheduleFromStart': doc.scheduleFromStart = parseBool(v) ?? true; break;
      case 'StartDate': doc.startDate = text(v); break;
      case 'FinishDate': doc.finishDate = text(v); break;
      case 'StatusDate': doc.statusDate = text(v); break;
      case 'CurrencyCode': doc.currencyCode = text(v); break;
      case 'CurrencyDigits': doc.currencyDigits = parseNumber(v); break;
      case 'CalendarUID': doc.calendarUid = text(v); break;
      case 'DefaultStartTime': doc.defaultStartTime = parseTimeOfDay(v); break;
      case 'DefaultFinishTime': doc.defaultFinishTime = parseTimeOfDay(v); break;
      case 'MinutesPerDay': doc.minutesPerDay = parseNumber(v); break;
      case 'MinutesPerWeek': doc.minutesPerWeek = parseNumber(v); break;
      case 'DaysPerMonth': doc.daysPerMonth = parseNumber(v); break;
    }
  }

  private closeInTask(d: number, name: string, v: string): void {
    const t = this.task!;
    if (d === 3) {
      this.doc.tasks.push(t);
      this.task = null;
      return;
    }
    if (d === 4) {
      if (name === 'PredecessorLink') {
        if (this.link && this.link.predecessorUid !== '') t.links.push(this.link);
        this.link = null;
      } else if (name === 'Baseline') {
        if (this.baseline) t.baselines.push(this.baseline);
        this.baseline = null;
      } else {
        this.taskField(t, name, v);
      }
      return;
    }
    if (d === 5 && this.link && this.stack[3] === 'PredecessorLink') {
      const l = this.link;
      switch (name) {
        case 'PredecessorUID': l.predecessorUid = v; break;
        case 'Type': {
          const n = parseNumber(v);
          l.type = n != null && n >= 0 && n <= 3 ? MSPDI_LINK_TYPES[n] : 'FS';
          break;
        }
        case 'LinkLag': l.linkLag = parseNumber(v) ?? 0; break;
        case 'LagFormat': l.lagFormat = parseNumber(v); break;
        case 'CrossProject': l.crossProject = parseBool(v) ?? false; break;
      }
      return;
    }
    if (d === 5 && this.baseline && this.stack[3] === 'Baseline') {
      const b = this.baseline;
      switch (name) {
        case 'Number': b.number = parseNumber(v) ?? 0; break;
        case 'Start': b.start = text(v); break;
        case 'Finish': b.finish = text(v); break;
        case 'Duration': b.duration = parseDurationMinutes(v); break;
        case 'Work': b.work = parseDurationMinutes(v); break;
        case 'Cost': b.cost = parseNumber(v); break;
      }
    }
  }

  private taskField(t: MspdiTask, name: string, v: string): void {
    switch (name) {
      case 'UID': t.uid = v; break;
      case 'ID': t.id = parseNumber(v); break;
      case 'Name': t.name = text(v); break;
      case 'Active': t.active = parseBool(v) ?? true; break;
      case 'Manual': t.manual = parseBool(v) ?? false; break;
      case 'IsNull': t.isNull = parseBool(v) ?? false; break;
      case 'WBS': t.wbs = text(v); break;
      case 'OutlineNumber': t.outlineNumber = text(v); break;
      case 'OutlineLevel': t.outlineLevel = parseNumber(v); break;
      case 'Start': t.start = text(v); break;
      case 'Finish': t.finish = text(v); break;
      case 'Duration': t.duration = parseDurationMinutes(v); break;
      case 'DurationFormat': t.durationFormat = parseNumber(v); break;
      case 'Work': t.work = parseDurationMinutes(v); break;
      case 'Milestone': t.milestone = parseBool(v) ?? false; break;
      case 'Summary': t.summary = parseBool(v) ?? false; break;
      case 'Critical': t.critical = parseBool(v); break;
      case 'EarlyStart': t.earlyStart = text(v); break;
      case 'EarlyFinish': t.earlyFinish = text(v); break;
      case 'LateStart': t.lateStart = text(v); break;
      case 'LateFinish': t.lateFinish = text(v); break;
      case 'FreeSlack': t.freeSlack = parseNumber(v); break;
      case 'TotalSlack': t.totalSlack = parseNumber(v); break;
      case 'PercentComplete': t.percentComplete = parseNumber(v) ?? 0; break;
      case 'ActualStart': t.actualStart = text(v); break;
      case 'ActualFinish': t.actualFinish = text(v); break;
      case 'ConstraintType': t.constraintType = parseNumber(v) ?? 0; break;
      case 'ConstraintDate': t.constraintDate = text(v); break;
      case 'Deadline': t.deadline = text(v); break;
      case 'LevelingDelay': t.levelingDelay = parseNumber(v); break;
      case 'CalendarUID': t.calendarUid = text(v); break;
      case 'IsSubproject': t.isSubproject = parseBool(v) ?? false; break;
      case 'ExternalTask': t.externalTask = parseBool(v) ?? false; break;
    }
  }

  private closeInCalendar(d: number, name: string, v: string): void {
    const c = this.calendar!;
    const s = this.stack;
    if (d === 3) {
      this.doc.calendars.push(c);
      this.calendar = null;
      return;
    }
    if (d === 4) {
      switch (name) {
        case 'UID': c.uid = v; break;
        case 'Name': c.name = v; break;
        case 'IsBaseCalendar': c.isBase = parseBool(v) ?? false; break;
        case 'BaseCalendarUID': c.baseUid = text(v); break;
      }
      return;
    }
    if (d === 5) {
      if (name === 'WeekDay' && this.weekDay) {
        c.weekDays.push(this.weekDay);
        this.weekDay = null;
      } else if (name === 'Exception' && this.exception) {
        c.exceptions.push(this.exception);
        this.exception = null;
      }
      return;
    }
    const w = this.weekDay;
    const e = this.exception;
    if (d === 6) {
      if (w) {
        if (name === 'DayType') w.dayType = parseNumber(v) ?? -1;
        else if (name === 'DayWorking') w.working = parseBool(v) ?? false;
      } else if (e) {
        switch (name) {
          case 'Name': e.name = v; break;
          case 'DayWorking': e.working = parseBool(v) ?? false; break;
          case 'Type': e.type = parseNumber(v); break;
          case 'Period': e.period = parseNumber(v); break;
          case 'Occurrences': e.occurrences = parseNumber(v); break;
          case 'Month': e.month = parseNumber(v); break;
          case 'MonthDay': e.monthDay = parseNumber(v); break;
          case 'DaysOfWeek': e.daysOfWeek = parseNumber(v); break;
        }
      }
      return;
    }
    if (d === 7 && s[5] === 'TimePeriod') {
      const target = w ?? e;
      if (!target) return;
      if (name === 'FromDate') target.fromDate = text(v);
      else if (name === 'ToDate') target.toDate = text(v);
      return;
    }
    if (d === 7 && name === 'WorkingTime' && this.time) {
      if (this.time.from >= 0 && this.time.to >= 0) (w ?? e)?.times.push(this.time);
      this.time = null;
      return;
    }
    if (d === 8 && this.time) {
      const minutes = parseTimeOfDay(v);
      if (minutes == null) return;
      if (name === 'FromTime') this.time.from = minutes;
      // An end at midnight is the end of the day.
      else if (name === 'ToTime') this.time.to = minutes === 0 ? 1440 : minutes;
    }
  }

  private closeInResource(d: number, name: string, v: string): void {
    const r = this.resource!;
    if (d === 3) {
      this.doc.resources.push(r);
      this.resource = null;
      return;
    }
    if (d !== 4) return;
    switch (name) {
      case 'UID': r.uid = v; break;
      case 'Name': r.name = text(v); break;
      case 'EmailAddress': r.email = text(v); break;
      case 'IsNull': r.isNull = parseBool(v) ?? false; break;
    }
  }

  private closeInAssignment(d: number, name: string, v: string): void {
    const a = this.assignment!;
    if (d === 3) {
      this.doc.assignments.push(a);
      this.assignment = null;
      return;
    }
    if (d !== 4) return;
    switch (name) {
      case 'TaskUID': a.taskUid = v; break;
      case 'ResourceUID': a.resourceUid = v; break;
      case 'Units': a.units = parseNumber(v); break;
    }
  }
}

/** The raw document of a whole MSPDI text. */
export function parseMspdi(xml: string, limits: Partial<MspdiLimits> = {}): MspdiDocument {
  const p = new MspdiStreamParser(limits);
  // Chunked like a stream would be, which also keeps saxes' buffers small.
  const step = 1 << 20;
  for (let i = 0; i < xml.length; i += step) p.write(xml.slice(i, i + step));
  return p.finish();
}

export interface ParsedMspdi {
  document: MspdiDocument;
  plan: ImportPlan;
  warnings: ImportWarning[];
}

/** The typed plan and the warnings of a whole MSPDI text. */
export function parseMspdiPlan(xml: string, options: Partial<MspdiLimits> & PlanOptions = {}): ParsedMspdi {
  const document = parseMspdi(xml, options);
  const { plan, warnings } = toImportPlan(document, options);
  return { document, plan, warnings };
}
