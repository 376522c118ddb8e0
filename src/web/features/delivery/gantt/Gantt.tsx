import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import { Empty } from 'antd';
import { Fragment, memo, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n/index.js';
import type { Dependency, Task } from '../types.js';
import { dayOf, isoOf, isWorkingDay, workingDaysBetween, type WorkCalendar } from './dates.js';
import { finishAfter, resizedDuration, snapDays } from './drag.js';
import { arrowHead, linkPoints, pathOf, type Anchor } from './links.js';
import { buildRows, linksInWindow, rowWindow, type Row } from './rows.js';
import { barOf, dayAtX, daysInView, headerTiers, makeScale, spanOf, xOfDay, type Bar, type TimeScale, type Zoom } from './scale.js';
import './gantt.css';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 48;
const OVERSCAN_ROWS = 10;
const OVERSCAN_PX = 400;
/**
 * The scroll position is kept in steps of this many rows and pixels: the chart renders again only
 * when a step is crossed (the overscan covers the rest), not on every scroll event.
 */
const ROW_STEP = 8;
const X_STEP = 256;
const DRAG_THRESHOLD = 4;

const COLUMNS = [
  { key: 'wbs', width: 0 },
  { key: 'name', width: 210 },
  { key: 'duration', width: 62 },
  { key: 'start', width: 84 },
  { key: 'finish', width: 84 },
  { key: 'float', width: 48 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const FIXED_WIDTH = COLUMNS.reduce((s, c) => s + (c.key === 'name' || c.key === 'wbs' ? 0 : c.width), 0);
const NAME_MIN = 110;
const NAME_MAX = 640;
const NAME_WIDTH_KEY = 'tandem.gantt.nameWidth';
interface Widths {
  /** The user's (dragging the grid's edge). */
  name: number;
  /** Wide enough for the longest WBS code of the plan. */
  wbs: number;
}
const widthOf = (key: ColumnKey, w: Widths) => (key === 'name' ? w.name : key === 'wbs' ? w.wbs : COLUMNS.find((c) => c.key === key)!.width);

function savedNameWidth(): number {
  try {
    const n = Number(window.localStorage.getItem(NAME_WIDTH_KEY));
    return n >= NAME_MIN && n <= NAME_MAX ? n : 210;
  } catch {
    return 210;
  }
}

export interface BaselineDates {
  start: string | null;
  finish: string | null;
}

export interface GanttHandle {
  scrollToTask(id: string): void;
  scrollToToday(): void;
}

export interface GanttProps {
  tasks: readonly Task[];
  dependencies: readonly Dependency[];
  /** The latest baseline's dates by task, drawn as ghost bars; null without a baseline. */
  baseline: ReadonlyMap<string, BaselineDates> | null;
  calendar: WorkCalendar;
  zoom: Zoom;
  /** ISO date of today where the user is. */
  today: string;
  projectStart: string;
  selectedId: string | null;
  collapsed: ReadonlySet<string>;
  height: number | string;
  onToggle(id: string): void;
  onSelect(id: string): void;
  onOpen(id: string): void;
  canDrag(task: Task): boolean;
  /** A bar dragged sideways: its new start (a milestone: its new date). Resolves when the plan is back. */
  onMove(task: Task, start: string): Promise<unknown>;
  /** A bar's right end dragged: its new duration in working days. */
  onResize(task: Task, durationDays: number): Promise<unknown>;
  handleRef?: Ref<GanttHandle>;
}

type DragMode = 'move' | 'resize';
interface DragView {
  id: string;
  mode: DragMode;
  /** Pixels while dragging; whole days once dropped (waiting for the server). */
  dx: number;
  dropped: boolean;
}

/** Where each bar is, allowing for a drag in progress or just dropped. */
function useBarGeometry(scale: TimeScale, calendar: WorkCalendar, drag: DragView | null) {
  return useCallback(
    (t: Task): Bar | null => {
      const milestone = t.kind === 'milestone';
      const bar = barOf(scale, t.earlyStart, t.earlyFinish, milestone);
      if (!bar || !drag || drag.id !== t.id) return bar;
      const dx = drag.dropped ? drag.dx * scale.pxPerDay : drag.dx;
      if (drag.mode === 'move') return { ...bar, x: bar.x + dx };
      if (drag.dropped && t.earlyStart) {
        const s = dayOf(t.earlyStart);
        const days = resizedDuration(calendar, s, dayOf(t.earlyFinish ?? t.earlyStart), drag.dx);
        return { ...bar, width: (finishAfter(calendar, s, days) - s + 1) * scale.pxPerDay };
      }
      return { ...bar, width: Math.max(scale.pxPerDay / 2, bar.width + dx) };
    },
    [scale, calendar, drag],
  );
}

/** Bar's vertical placement in its row: room below for the baseline's ghost bar when there is one. */
const barTop = (hasBaseline: boolean) => (hasBaseline ? 4 : 7);
const BAR_HEIGHT = 14;

function anchorOf(t: Task, bar: Bar, rowIndex: number, hasBaseline: boolean): Anchor {
  const top = rowIndex * ROW_HEIGHT;
  if (t.kind === 'milestone') {
    const y = top + barTop(hasBaseline) + BAR_HEIGHT / 2;
    return { start: bar.x - 8.5, finish: bar.x + 8.5, y, half: 8 };
  }
  if (t.kind === 'summary') return { start: bar.x, finish: bar.x + bar.width, y: top + barTop(hasBaseline) + 3, half: 3 };
  return { start: bar.x, finish: bar.x + bar.width, y: top + barTop(hasBaseline) + BAR_HEIGHT / 2, half: BAR_HEIGHT / 2 };
}

interface GridRowProps {
  row: Row<Task>;
  widths: Widths;
  index: number;
  selected: boolean;
  collapsed: boolean;
  durationLabel: string;
  onSelect(id: string): void;
  onOpen(id: string): void;
  onToggle(id: string): void;
  expandLabel: string;
  collapseLabel: string;
}

const GridRow = memo(function GridRow({ row, widths, index, selected, collapsed, durationLabel, onSelect, onOpen, onToggle, expandLabel, collapseLabel }: GridRowProps) {
  const t = row.task;
  const summary = t.kind === 'summary';
  const floatCritical = t.totalFloat !== null && t.totalFloat <= 0;
  const width = (key: ColumnKey) => widthOf(key, widths);
  return (
    <div
      className={`gantt-row${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT }}
      data-testid="gantt-row"
      data-task-id={t.id}
      data-wbs={t.wbs}
      data-selected={selected ? 'true' : 'false'}
      onClick={() => onSelect(t.id)}
      onDoubleClick={() => onOpen(t.id)}
    >
      <div className="gantt-cell" style={{ width: width('wbs') }} data-col="wbs">
        {t.wbs}
      </div>
      <div className="gantt-cell gantt-name" style={{ width: width('name'), paddingLeft: 4 + row.level * 14 }} data-col="name" title={t.name}>
        {row.hasChildren ? (
          <button
            type="button"
            className="gantt-caret"
            aria-label={collapsed ? expandLabel : collapseLabel}
            aria-expanded={!collapsed}
            onClick={(e) => {
              e.stopPropagation();
              onToggle(t.id);
            }}
          >
            {collapsed ? <CaretRightOutlined /> : <CaretDownOutlined />}
          </button>
        ) : (
          <span className="gantt-caret-space" />
        )}
        <span className={summary ? 'summary' : undefined} style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {t.kind === 'milestone' ? '◆ ' : ''}
          {t.name}
        </span>
      </div>
      <div className="gantt-cell num" style={{ width: width('duration') }} data-col="duration">
        {durationLabel}
      </div>
      <div className="gantt-cell date" style={{ width: width('start') }} data-col="start">
        {t.earlyStart ?? '—'}
      </div>
      <div className="gantt-cell date" style={{ width: width('finish') }} data-col="finish">
        {t.earlyFinish ?? '—'}
      </div>
      <div className={`gantt-cell num${floatCritical ? ' critical' : ''}`} style={{ width: width('float') }} data-col="float">
        {t.totalFloat ?? '—'}
      </div>
    </div>
  );
});

/**
 * The Gantt chart: a task grid on the left and the timeline on the right in one scroll container
 * (the grid sticks to the left edge, the date header to the top), so both scroll together natively.
 * Only the rows in view (plus some overscan) are rendered, at fixed height and absolute positions,
 * and only the links that touch them; a plan of many thousands of tasks scrolls like a short one.
 */
export function Gantt(props: GanttProps) {
  const { tasks, dependencies, baseline, calendar, zoom, today, projectStart, selectedId, collapsed, onToggle, onSelect, onOpen, canDrag, onMove, onResize } = props;
  const { t } = useTranslation();
  const locale = currentLocale();
  const scroller = useRef<HTMLDivElement>(null);
  // Scroll position in steps (see ROW_STEP, X_STEP).
  const [view, setView] = useState({ row: 0, x: 0 });
  const [size, setSize] = useState({ width: 1000, height: 600 });
  const [drag, setDrag] = useState<DragView | null>(null);
  const dragStart = useRef<{ id: string; mode: DragMode; originX: number; active: boolean; pointerId: number } | null>(null);
  const suppressClick = useRef(false);
  const [nameWidth, setNameWidth] = useState(savedNameWidth);
  const wbsWidth = useMemo(() => {
    let longest = 1;
    for (const task of tasks) if (task.wbs.length > longest) longest = task.wbs.length;
    return Math.min(110, Math.max(48, 14 + longest * 7));
  }, [tasks]);
  const widths = useMemo<Widths>(() => ({ name: nameWidth, wbs: wbsWidth }), [nameWidth, wbsWidth]);
  const gridWidth = FIXED_WIDTH + nameWidth + wbsWidth;
  const splitter = useRef<{ originX: number; originWidth: number } | null>(null);

  const rows = useMemo(() => buildRows(tasks, collapsed), [tasks, collapsed]);
  const rowOf = useMemo(() => new Map(rows.map((r, i) => [r.task.id, i])), [rows]);

  // The span to draw: every date of the plan and its baseline, the project's start, and today.
  const span = useMemo(() => {
    const dates: (string | null)[] = [projectStart];
    for (const task of tasks) dates.push(task.earlyStart, task.earlyFinish);
    if (baseline) for (const b of baseline.values()) dates.push(b.start, b.finish);
    const s = spanOf(dates) ?? [dayOf(today), dayOf(today)];
    const todayDay = dayOf(today);
    // Today stays in range when it is near the plan (within a year), not when the plan is far away.
    if (!Number.isNaN(todayDay) && todayDay >= s[0] - 366 && todayDay <= s[1] + 366) return [Math.min(s[0], todayDay), Math.max(s[1], todayDay)] as const;
    return s;
  }, [tasks, baseline, projectStart, today]);
  const timelineViewWidth = Math.max(0, size.width - gridWidth);
  const scale = useMemo(() => makeScale(zoom, span[0], span[1], timelineViewWidth), [zoom, span, timelineViewWidth]);
  const barGeometry = useBarGeometry(scale, calendar, drag);

  // Follow the container's size.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setSize((s) => (s.width === el.clientWidth && s.height === el.clientHeight ? s : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const syncView = useCallback((el: HTMLElement) => {
    const row = Math.floor(el.scrollTop / (ROW_HEIGHT * ROW_STEP));
    const x = Math.floor(el.scrollLeft / X_STEP);
    setView((v) => (v.row === row && v.x === x ? v : { row, x }));
  }, []);
  // Scroll position, at most once per frame.
  const frame = useRef(0);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (el) syncView(el);
    });
  }, [syncView]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // A zoom keeps the day at the left edge where it was.
  const previousScale = useRef(scale);
  useLayoutEffect(() => {
    const before = previousScale.current;
    previousScale.current = scale;
    const el = scroller.current;
    if (!el || before.zoom === scale.zoom) return;
    const day = dayAtX(before, el.scrollLeft);
    el.scrollLeft = Math.max(0, xOfDay(scale, day));
    syncView(el);
  }, [scale]);

  // For measurements (e2e, bench): when the first rows of a plan are on screen.
  const marked = useRef(false);
  useEffect(() => {
    if (marked.current || rows.length === 0) return;
    marked.current = true;
    performance.mark('tandem:gantt-rows');
  }, [rows.length]);

  const scrollToX = useCallback((x: number) => {
    const el = scroller.current;
    if (el) el.scrollLeft = Math.max(0, x - 40);
  }, []);

  const ensureRowVisible = useCallback((index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    const viewH = el.clientHeight - HEADER_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + viewH) el.scrollTop = top + ROW_HEIGHT - viewH;
  }, []);

  /** Selecting a row in the grid brings its bar into view when it is off screen (sideways only). */
  const revealBar = useCallback(
    (id: string) => {
      const el = scroller.current;
      const i = rowOf.get(id);
      if (!el || i === undefined) return;
      const task = rows[i]!.task;
      const bar = barOf(scale, task.earlyStart, task.earlyFinish, task.kind === 'milestone');
      if (!bar) return;
      const viewW = el.clientWidth - gridWidth;
      const left = el.scrollLeft;
      const x0 = bar.x - 12;
      const x1 = bar.x + bar.width + 12;
      if (x0 >= left && x1 <= left + viewW) return;
      el.scrollLeft = Math.max(0, x1 - x0 <= viewW - 60 && x1 > left + viewW ? x1 - viewW + 120 : x0 - 40);
    },
    [rowOf, rows, scale, gridWidth],
  );
  const onGridSelect = useCallback(
    (id: string) => {
      onSelect(id);
      revealBar(id);
    },
    [onSelect, revealBar],
  );

  const onSplitterDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    splitter.current = { originX: e.clientX, originWidth: nameWidth };
  };
  const onSplitterMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const s = splitter.current;
    if (s) setNameWidth(Math.min(NAME_MAX, Math.max(NAME_MIN, Math.round(s.originWidth + e.clientX - s.originX))));
  };
  const onSplitterUp = () => {
    splitter.current = null;
    try {
      window.localStorage.setItem(NAME_WIDTH_KEY, String(nameWidth));
    } catch {
      // not remembered; harmless
    }
  };

  useImperativeHandle(
    props.handleRef,
    () => ({
      scrollToTask(id: string) {
        const i = rowOf.get(id);
        if (i === undefined) return;
        ensureRowVisible(i);
        const bar = barOf(scale, rows[i]!.task.earlyStart, rows[i]!.task.earlyFinish, rows[i]!.task.kind === 'milestone');
        const el = scroller.current;
        if (bar && el && (bar.x < el.scrollLeft || bar.x > el.scrollLeft + el.clientWidth - gridWidth - 40)) scrollToX(bar.x);
      },
      scrollToToday() {
        const d = dayOf(today);
        if (!Number.isNaN(d)) scrollToX(xOfDay(scale, d) - (scroller.current ? (scroller.current.clientWidth - gridWidth) / 3 : 0));
      },
    }),
    [rowOf, rows, scale, today, ensureRowVisible, scrollToX],
  );

  // What is in view.
  const bodyHeight = Math.max(rows.length * ROW_HEIGHT, size.height - HEADER_HEIGHT - 2);
  const win = rowWindow(view.row * ROW_STEP * ROW_HEIGHT, size.height - HEADER_HEIGHT + ROW_STEP * ROW_HEIGHT, ROW_HEIGHT, rows.length, OVERSCAN_ROWS);
  const x0 = Math.max(0, view.x * X_STEP - OVERSCAN_PX);
  const x1 = Math.min(scale.width, view.x * X_STEP + X_STEP + timelineViewWidth + OVERSCAN_PX);
  const tiers = useMemo(() => headerTiers(scale, x0, x1, locale), [scale, x0, x1, locale]);
  const visibleRows = rows.slice(win.start, win.end);

  const durationOf = (task: Task) => {
    if (task.kind === 'summary' && task.earlyStart && task.earlyFinish) return workingDaysBetween(calendar, dayOf(task.earlyStart), dayOf(task.earlyFinish));
    return task.durationDays;
  };
  // Labels shared by every row, translated once per render rather than once per row.
  const expandLabel = t('delivery.gantt.expand');
  const collapseLabel = t('delivery.gantt.collapse');
  const daysLabels = new Map<number, string>();
  const daysLabel = (n: number) => {
    let label = daysLabels.get(n);
    if (label === undefined) daysLabels.set(n, (label = t('delivery.gantt.days', { count: n })));
    return label;
  };

  // Dragging bars: sideways moves the start, the right end changes the duration.
  const onBarPointerDown = (e: ReactPointerEvent<HTMLElement>, task: Task, mode: DragMode) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    onSelect(task.id);
    if (!canDrag(task) || (drag && drag.dropped)) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragStart.current = { id: task.id, mode, originX: e.clientX, active: false, pointerId: e.pointerId };
  };
  const onBarPointerMove = (e: ReactPointerEvent<HTMLElement>) => {
    const d = dragStart.current;
    if (!d || d.pointerId !== e.pointerId) return;
    const dx = e.clientX - d.originX;
    if (!d.active && Math.abs(dx) < DRAG_THRESHOLD) return;
    d.active = true;
    setDrag({ id: d.id, mode: d.mode, dx, dropped: false });
  };
  const onBarPointerUp = (e: ReactPointerEvent<HTMLElement>, task: Task) => {
    const d = dragStart.current;
    dragStart.current = null;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.active) return;
    suppressClick.current = true;
    const days = snapDays(e.clientX - d.originX, scale.pxPerDay);
    if (days === 0 || !task.earlyStart || !task.earlyFinish) {
      setDrag(null);
      return;
    }
    setDrag({ id: d.id, mode: d.mode, dx: days, dropped: true });
    const done = () => setDrag(null);
    if (d.mode === 'move') {
      const from = task.kind === 'milestone' ? dayOf(task.earlyFinish) : dayOf(task.earlyStart);
      onMove(task, isoOf(from + days)).then(done, done);
    } else {
      const duration = resizedDuration(calendar, dayOf(task.earlyStart), dayOf(task.earlyFinish), days);
      // Onto non-working days only: the task is as long as it was.
      if (duration === task.durationDays) return setDrag(null);
      onResize(task, duration).then(done, done);
    }
  };
  const onBarPointerCancel = () => {
    dragStart.current = null;
    setDrag((d) => (d && !d.dropped ? null : d));
  };

  const onTimelineClick = (e: React.MouseEvent<HTMLDivElement>, open: boolean) => {
    if (suppressClick.current) {
      suppressClick.current = false;
      return;
    }
    const rect = e.currentTarget.getBoundingClientRect();
    const i = Math.floor((e.clientY - rect.top) / ROW_HEIGHT);
    const row = rows[i];
    if (!row) return;
    if (open) onOpen(row.task.id);
    else onSelect(row.task.id);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || rows.length === 0) return;
    const i = selectedId ? (rowOf.get(selectedId) ?? -1) : -1;
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(rows.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home' && e.ctrlKey) next = 0;
    else if (e.key === 'End' && e.ctrlKey) next = rows.length - 1;
    else if (e.key === 'Enter' && i >= 0) {
      e.preventDefault();
      onOpen(rows[i]!.task.id);
      return;
    }
    if (next < 0) return;
    e.preventDefault();
    onSelect(rows[next]!.task.id);
    ensureRowVisible(next);
  };

  // Links: those touching the rows in view, from each bar's end to the other's.
  const anchors = new Map<string, Anchor | null>();
  const anchor = (id: string): Anchor | null => {
    if (anchors.has(id)) return anchors.get(id)!;
    const i = rowOf.get(id);
    const task = i === undefined ? undefined : rows[i]!.task;
    const bar = task ? barGeometry(task) : null;
    const a = task && bar && i !== undefined ? anchorOf(task, bar, i, !!baseline?.has(id)) : null;
    anchors.set(id, a);
    return a;
  };
  const criticalById = useMemo(() => new Map(tasks.map((x) => [x.id, x.critical])), [tasks]);
  const links = linksInWindow(dependencies, rowOf, win);
  const svgTop = win.start * ROW_HEIGHT;
  const svgHeight = Math.max(1, (win.end - win.start) * ROW_HEIGHT);

  const todayDay = dayOf(today);
  const todayX = !Number.isNaN(todayDay) && todayDay >= scale.startDay && todayDay < scale.endDay ? xOfDay(scale, todayDay) + scale.pxPerDay / 2 : null;
  const [dayFrom, dayTo] = daysInView(scale, x0, x1);
  const nonWorking: number[] = [];
  if (zoom === 'day') for (let d = dayFrom; d < dayTo; d++) if (!isWorkingDay(calendar, d)) nonWorking.push(d);
  const selectedIndex = selectedId ? rowOf.get(selectedId) : undefined;

  const dragTip = (() => {
    if (!drag || drag.dropped) return null;
    const task = rows[rowOf.get(drag.id) ?? -1]?.task;
    if (!task || !task.earlyStart || !task.earlyFinish) return null;
    const days = snapDays(drag.dx, scale.pxPerDay);
    const bar = barGeometry(task);
    const i = rowOf.get(drag.id)!;
    if (!bar) return null;
    const text =
      drag.mode === 'move'
        ? t('delivery.gantt.dragStart', { date: isoOf((task.kind === 'milestone' ? dayOf(task.earlyFinish) : dayOf(task.earlyStart)) + days) })
        : t('delivery.gantt.dragDuration', { count: resizedDuration(calendar, dayOf(task.earlyStart), dayOf(task.earlyFinish), days) });
    return (
      <div className="gantt-drag-tip" style={{ left: bar.x, top: Math.max(0, i * ROW_HEIGHT - 22) }} data-testid="gantt-drag-tip">
        {text}
      </div>
    );
  })();

  return (
    <div
      ref={scroller}
      className="gantt"
      style={{ height: props.height }}
      onScroll={onScroll}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="gantt"
      data-zoom={zoom}
      data-rows={rows.length}
      aria-label={t('delivery.gantt.label')}
    >
      <div className="gantt-content" style={{ width: gridWidth + scale.width, height: HEADER_HEIGHT + bodyHeight }}>
        <div className="gantt-head" style={{ width: gridWidth + scale.width }}>
          <div className="gantt-grid-head" style={{ width: gridWidth }}>
            {COLUMNS.map((c) => (
              <div key={c.key} style={{ width: widthOf(c.key, widths), justifyContent: c.key === 'duration' || c.key === 'float' ? 'flex-end' : undefined }}>
                {t(`delivery.gantt.${c.key}`)}
              </div>
            ))}
            <div
              className="gantt-splitter"
              role="separator"
              aria-orientation="vertical"
              aria-label={t('delivery.gantt.resizeGrid')}
              onPointerDown={onSplitterDown}
              onPointerMove={onSplitterMove}
              onPointerUp={onSplitterUp}
              data-testid="gantt-splitter"
            />
          </div>
          <div className="gantt-time-head" style={{ width: scale.width }} data-testid="gantt-header">
            {tiers.upper.map((k) => (
              <div key={k.key} className="gantt-tick upper" style={{ left: k.x, width: k.width, top: 0 }} title={k.title}>
                <span>{k.label}</span>
              </div>
            ))}
            {tiers.lower.map((k) => (
              <div key={k.key} className={`gantt-tick lower${k.weekend ? ' weekend' : ''}`} style={{ left: k.x, width: k.width }} title={k.title}>
                {k.label}
              </div>
            ))}
          </div>
        </div>
        <div className="gantt-body">
          <div className="gantt-grid" style={{ width: gridWidth, height: bodyHeight }} data-testid="gantt-grid">
            {visibleRows.map((row, k) => (
              <GridRow
                key={row.task.id}
                row={row}
                widths={widths}
                index={win.start + k}
                selected={row.task.id === selectedId}
                collapsed={collapsed.has(row.task.id)}
                durationLabel={daysLabel(durationOf(row.task))}
                onSelect={onGridSelect}
                onOpen={onOpen}
                onToggle={onToggle}
                expandLabel={expandLabel}
                collapseLabel={collapseLabel}
              />
            ))}
          </div>
          <div
            className="gantt-time"
            style={{ width: scale.width, height: bodyHeight }}
            onClick={(e) => onTimelineClick(e, false)}
            onDoubleClick={(e) => onTimelineClick(e, true)}
            data-testid="gantt-timeline"
          >
            {tiers.lower.map((k) => (
              <div key={k.key} className="gantt-vline" style={{ left: k.x, height: bodyHeight }} />
            ))}
            {nonWorking.map((d) => (
              <div key={d} className="gantt-nonworking" style={{ left: xOfDay(scale, d), width: scale.pxPerDay, height: bodyHeight }} data-testid="gantt-nonworking" />
            ))}
            {selectedIndex !== undefined && selectedIndex >= win.start && selectedIndex < win.end ? <div className="gantt-selected-row" style={{ top: selectedIndex * ROW_HEIGHT }} /> : null}
            {todayX !== null ? <div className="gantt-today" style={{ left: todayX, height: bodyHeight }} data-testid="gantt-today" title={t('delivery.gantt.today')} /> : null}
            <svg className="gantt-links" style={{ left: x0, top: svgTop }} width={Math.max(1, x1 - x0)} height={svgHeight} aria-hidden="true">
              <g transform={`translate(${-x0} ${-svgTop})`}>
                {links.map((l) => {
                  const a = anchor(l.predecessorId);
                  const b = anchor(l.successorId);
                  if (!a || !b) return null;
                  const pts = linkPoints(l.type, a, b, { stub: 8, rowHeight: ROW_HEIGHT });
                  const critical = !!criticalById.get(l.predecessorId) && !!criticalById.get(l.successorId);
                  return (
                    <g key={l.id} className={`gantt-link${critical ? ' critical' : ''}`} data-testid="gantt-link" data-link-id={l.id} data-type={l.type} data-critical={critical ? 'true' : 'false'} data-from={l.predecessorId} data-to={l.successorId}>
                      <path className="gantt-link-line" d={pathOf(pts)} />
                      <path className="gantt-link-head" d={arrowHead(pts)} />
                    </g>
                  );
                })}
              </g>
            </svg>
            {visibleRows.map((row, k) => {
              const task = row.task;
              const i = win.start + k;
              const bar = barGeometry(task);
              const base = baseline?.get(task.id);
              const hasBaseline = !!baseline;
              const top = i * ROW_HEIGHT + barTop(hasBaseline);
              const selected = task.id === selectedId;
              const draggable = canDrag(task);
              const dragging = drag?.id === task.id;
              const common = {
                'data-testid': 'gantt-bar',
                'data-task-id': task.id,
                'data-kind': task.kind,
                'data-critical': task.critical ? 'true' : 'false',
                'data-start': task.earlyStart ?? '',
                'data-finish': task.earlyFinish ?? '',
                title: `${task.wbs} ${task.name}`,
                onDoubleClick: (e: React.MouseEvent) => {
                  e.stopPropagation();
                  onOpen(task.id);
                },
                onClick: (e: React.MouseEvent) => {
                  // The click that ends a drag (or a plain click) is the bar's, not the row's.
                  e.stopPropagation();
                  suppressClick.current = false;
                },
              };
              const cls = `${task.critical ? ' critical' : ''}${selected ? ' selected' : ''}${draggable ? ' draggable' : ''}${dragging ? ' dragging' : ''}`;
              let ghost: React.ReactNode = null;
              if (base) {
                const g = barOf(scale, base.start, base.finish, task.kind === 'milestone');
                if (g)
                  ghost =
                    task.kind === 'milestone' ? (
                      <div className="gantt-baseline milestone" style={{ left: g.x - 4, top: i * ROW_HEIGHT + 18 }} data-testid="gantt-baseline" data-task-id={task.id} />
                    ) : (
                      <div className="gantt-baseline" style={{ left: g.x, width: g.width, top: i * ROW_HEIGHT + 20 }} data-testid="gantt-baseline" data-task-id={task.id} />
                    );
              }
              if (!bar) return ghost ? <Fragment key={task.id}>{ghost}</Fragment> : null;
              let shape: React.ReactNode;
              let labelX: number;
              if (task.kind === 'milestone') {
                shape = (
                  <div
                    {...common}
                    className={`gantt-milestone${cls}`}
                    style={{ left: bar.x - 6, top: top + 1 }}
                    onPointerDown={(e) => onBarPointerDown(e, task, 'move')}
                    onPointerMove={onBarPointerMove}
                    onPointerUp={(e) => onBarPointerUp(e, task)}
                    onPointerCancel={onBarPointerCancel}
                  />
                );
                labelX = bar.x + 12;
              } else if (task.kind === 'summary') {
                shape = <div {...common} className={`gantt-summary${cls}`} style={{ left: bar.x, width: bar.width, top }} onPointerDown={(e) => onBarPointerDown(e, task, 'move')} />;
                labelX = bar.x + bar.width + 8;
              } else {
                shape = (
                  <div
                    {...common}
                    className={`gantt-bar${cls}`}
                    style={{ left: bar.x, width: bar.width, top, height: BAR_HEIGHT }}
                    onPointerDown={(e) => onBarPointerDown(e, task, 'move')}
                    onPointerMove={onBarPointerMove}
                    onPointerUp={(e) => onBarPointerUp(e, task)}
                    onPointerCancel={onBarPointerCancel}
                  >
                    {task.percentComplete > 0 ? <div className="gantt-bar-progress" style={{ width: `${Math.min(100, task.percentComplete)}%` }} /> : null}
                    {draggable ? (
                      <div
                        className="gantt-bar-resize"
                        data-testid="gantt-bar-resize"
                        onPointerDown={(e) => onBarPointerDown(e, task, 'resize')}
                        onPointerMove={onBarPointerMove}
                        onPointerUp={(e) => onBarPointerUp(e, task)}
                        onPointerCancel={onBarPointerCancel}
                      />
                    ) : null}
                  </div>
                );
                labelX = bar.x + bar.width + 6;
              }
              return (
                <Fragment key={task.id}>
                  {ghost}
                  {shape}
                  <span className="gantt-bar-label" style={{ left: labelX, top: i * ROW_HEIGHT }}>
                    {task.name}
                  </span>
                </Fragment>
              );
            })}
            {dragTip}
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="gantt-empty" style={{ top: HEADER_HEIGHT + 40 }}>
            <Empty description={t('delivery.gantt.empty')} data-testid="gantt-empty" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
