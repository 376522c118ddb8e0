import {
  AimOutlined,
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  FlagOutlined,
  InfoCircleOutlined,
  LinkOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { App, Button, Divider, Flex, Popconfirm, Popover, Segmented, Space, Switch, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../../app/session.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FullPageSpin } from '../../../components/FullPageSpin.js';
import { isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { useCalendars } from '../../directory/api.js';
import { usePlan, usePlanMutations } from '../api.js';
import { todayIn, workCalendarOf } from '../gantt/dates.js';
import { Gantt, type BaselineDates, type GanttHandle } from '../gantt/Gantt.js';
import { ZOOMS, type Zoom } from '../gantt/scale.js';
import type { MoveAction, Project, Task } from '../types.js';
import { Legend } from './Legend.js';

// The dialogs check forms with the shared zod schemas: they (and zod) load when first opened, not with the chart.
const AddTaskModal = lazy(() => import('./AddTaskModal.js'));
const LinkModal = lazy(() => import('./LinkModal.js'));
const TaskDrawer = lazy(() => import('./TaskDrawer.js'));

const ZOOM_KEY = 'tandem.gantt.zoom';
function savedZoom(): Zoom {
  try {
    const z = window.localStorage.getItem(ZOOM_KEY);
    return (ZOOMS as readonly string[]).includes(z ?? '') ? (z as Zoom) : 'day';
  } catch {
    return 'day';
  }
}

/** The chart fills the window below where it starts (at least 420 px), following resizes. */
function useFillHeight(ref: React.RefObject<HTMLDivElement | null>, ready: boolean) {
  const [height, setHeight] = useState(520);
  useLayoutEffect(() => {
    if (!ready) return;
    const measure = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(420, Math.floor(window.innerHeight - top - 44)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref, ready]);
  return height;
}

/** The plan tab: the Gantt chart and its toolbar. Every change goes to the server, which reschedules; then the plan is fetched again. */
export function PlanTab({ project }: { project: Project }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const plan = usePlan(project.id);
  const calendars = useCalendars();
  const mutations = usePlanMutations(project.id);
  const gantt = useRef<GanttHandle>(null);
  const [zoom, setZoomState] = useState<Zoom>(savedZoom);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState<'task' | 'milestone' | null>(null);
  const [linking, setLinking] = useState(false);
  const [showBaseline, setShowBaseline] = useState(true);
  const chartBox = useRef<HTMLDivElement>(null);

  const data = plan.data;
  const tasks = useMemo(() => data?.tasks ?? [], [data]);
  const dependencies = useMemo(() => data?.dependencies ?? [], [data]);
  const abilities = data?.project.abilities ?? project.abilities;
  const editPlan = !!abilities.editPlan;
  const taskById = useMemo(() => new Map(tasks.map((x) => [x.id, x])), [tasks]);
  const selected = selectedId ? (taskById.get(selectedId) ?? null) : null;
  const opened = openId ? (taskById.get(openId) ?? null) : null;
  const calendarId = data?.project.calendarId ?? project.calendarId;
  const calendar = useMemo(() => workCalendarOf(calendars.data?.find((c) => c.id === calendarId) ?? calendars.data?.find((c) => c.isDefault)), [calendars.data, calendarId]);
  const baseline = useMemo(() => {
    if (!data?.baseline || !showBaseline) return null;
    return new Map<string, BaselineDates>(data.baseline.tasks.map((b) => [b.taskId, { start: b.start, finish: b.finish }]));
  }, [data, showBaseline]);
  const today = todayIn(me.user.timeZone);
  const height = useFillHeight(chartBox, !!plan.data);

  const setZoom = (z: Zoom) => {
    setZoomState(z);
    try {
      window.localStorage.setItem(ZOOM_KEY, z);
    } catch {
      // not remembered; harmless
    }
  };

  const fail = useCallback(
    (err: unknown) => {
      if (isApiError(err) && err.isConflict) void message.warning(t('errors.conflictReloaded'));
      else void message.error({ content: errorMessage(err, t), duration: 6 });
    },
    [message, t],
  );

  const onToggle = useCallback((id: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const onOpen = useCallback((id: string) => {
    setSelectedId(id);
    setOpenId(id);
  }, []);
  const canDrag = useCallback((task: Task) => !!task.abilities.update && task.kind !== 'summary', []);
  const { updateTask, moveTask, deleteTask } = mutations;
  const onMove = useCallback(
    (task: Task, start: string) =>
      // As Microsoft Project does when a bar is dragged: the task may start no earlier than there.
      updateTask.mutateAsync({ id: task.id, body: { constraintType: 'SNET', constraintDate: start, version: task.version } }).catch(fail),
    [updateTask, fail],
  );
  const onResize = useCallback((task: Task, durationDays: number) => updateTask.mutateAsync({ id: task.id, body: { durationDays, version: task.version } }).catch(fail), [updateTask, fail]);

  const move = (action: MoveAction) => {
    if (!selected) return;
    moveTask.mutate({ task: selected, action }, { onError: fail, onSuccess: () => requestAnimationFrame(() => gantt.current?.scrollToTask(selected.id)) });
  };
  const remove = () => {
    if (!selected) return;
    const i = tasks.findIndex((x) => x.id === selected.id);
    deleteTask.mutate(selected, {
      onError: fail,
      onSuccess: () => {
        void message.success(t('delivery.plan.deleted', { task: selected.name }));
        const neighbour = tasks.slice(i + 1).find((x) => x.parentId === selected.parentId) ?? tasks[i - 1];
        setSelectedId(neighbour && neighbour.id !== selected.id ? neighbour.id : null);
      },
    });
  };

  if (plan.isPending) return <FullPageSpin />;
  if (plan.error || !data) return <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;

  const canEditSelected = !!selected?.abilities.update;
  const busy = moveTask.isPending || deleteTask.isPending;
  const tip = (title: string, node: React.ReactNode) => <Tooltip title={title}>{node}</Tooltip>;

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }} data-testid="gantt-toolbar">
        <Space wrap size={4}>
          <Button icon={<PlusOutlined />} disabled={!editPlan} onClick={() => setAdding('task')} data-testid="gantt-add-task">
            {t('delivery.plan.addTask')}
          </Button>
          <Button icon={<FlagOutlined />} disabled={!editPlan} onClick={() => setAdding('milestone')} data-testid="gantt-add-milestone">
            {t('delivery.plan.addMilestone')}
          </Button>
          <Divider orientation="vertical" />
          {tip(t('delivery.plan.outdent'), <Button icon={<MenuFoldOutlined />} disabled={!canEditSelected || busy} onClick={() => move('outdent')} aria-label={t('delivery.plan.outdent')} data-testid="gantt-outdent" />)}
          {tip(t('delivery.plan.indent'), <Button icon={<MenuUnfoldOutlined />} disabled={!canEditSelected || busy} onClick={() => move('indent')} aria-label={t('delivery.plan.indent')} data-testid="gantt-indent" />)}
          {tip(t('delivery.plan.moveUp'), <Button icon={<ArrowUpOutlined />} disabled={!canEditSelected || busy} onClick={() => move('up')} aria-label={t('delivery.plan.moveUp')} data-testid="gantt-up" />)}
          {tip(t('delivery.plan.moveDown'), <Button icon={<ArrowDownOutlined />} disabled={!canEditSelected || busy} onClick={() => move('down')} aria-label={t('delivery.plan.moveDown')} data-testid="gantt-down" />)}
          <Divider orientation="vertical" />
          <Button icon={<LinkOutlined />} disabled={!editPlan || !selected} onClick={() => setLinking(true)} data-testid="gantt-add-link">
            {t('delivery.plan.link')}
          </Button>
          {tip(t('delivery.plan.details'), <Button icon={<EditOutlined />} disabled={!selected} onClick={() => selected && setOpenId(selected.id)} aria-label={t('delivery.plan.details')} data-testid="gantt-edit" />)}
          <Popconfirm
            title={selected ? t('delivery.plan.confirmDelete', { task: `${selected.wbs} ${selected.name}` }) : ''}
            description={t('delivery.plan.confirmDeleteHelp')}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, 'data-testid': 'gantt-delete-confirm' }}
            onConfirm={remove}
            disabled={!selected?.abilities.delete || busy}
          >
            <Button danger icon={<DeleteOutlined />} disabled={!selected?.abilities.delete || busy} data-testid="gantt-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
        <Space wrap size={8}>
          {data.baseline ? (
            <Tooltip title={t('delivery.plan.showBaseline', { name: data.baseline.name })}>
              <Space size={4}>
                <Switch size="small" checked={showBaseline} onChange={setShowBaseline} data-testid="gantt-baseline-toggle" />
                <Typography.Text type="secondary">{t('delivery.legend.baseline')}</Typography.Text>
              </Space>
            </Tooltip>
          ) : null}
          {tip(t('delivery.plan.scrollToToday'), <Button icon={<AimOutlined />} onClick={() => gantt.current?.scrollToToday()} aria-label={t('delivery.plan.scrollToToday')} data-testid="gantt-today-button" />)}
          <Segmented<Zoom>
            value={zoom}
            onChange={setZoom}
            data-testid="gantt-zoom"
            options={ZOOMS.map((z) => ({ value: z, label: <span data-testid={`zoom-${z}`}>{t(`delivery.zoom.${z}`)}</span> }))}
          />
          <Popover content={<Legend />} title={t('delivery.legend.title')} trigger="click" placement="bottomRight">
            <Button icon={<InfoCircleOutlined />} aria-label={t('delivery.legend.title')} data-testid="gantt-legend-button" />
          </Popover>
        </Space>
      </Flex>
      <div ref={chartBox}>
      <Gantt
        handleRef={gantt}
        tasks={tasks}
        dependencies={dependencies}
        baseline={baseline}
        calendar={calendar}
        zoom={zoom}
        today={today}
        projectStart={data.project.plannedStart}
        selectedId={selectedId}
        collapsed={collapsed}
        height={height}
        onToggle={onToggle}
        onSelect={setSelectedId}
        onOpen={onOpen}
        canDrag={canDrag}
        onMove={onMove}
        onResize={onResize}
      />
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('delivery.plan.summary', { tasks: tasks.length, links: dependencies.length })}
        {data.project.plannedFinish ? ` · ${t('delivery.plan.finish', { date: data.project.plannedFinish })}` : ''}
        {editPlan ? ` · ${t('delivery.plan.dragHelp')}` : ''}
      </Typography.Paragraph>
      <Suspense fallback={null}>
      {adding ? (
        <AddTaskModal
          kind={adding}
          after={selected}
          mutations={mutations}
          onClose={() => setAdding(null)}
          onCreated={(task) => {
            setSelectedId(task.id);
            requestAnimationFrame(() => gantt.current?.scrollToTask(task.id));
          }}
        />
      ) : null}
      {linking && selected ? <LinkModal from={selected} tasks={tasks} mutations={mutations} onClose={() => setLinking(false)} /> : null}
      {opened ? <TaskDrawer key={opened.id} projectId={project.id} task={opened} tasks={tasks} dependencies={dependencies} editPlan={editPlan} mutations={mutations} onClose={() => setOpenId(null)} /> : null}
      </Suspense>
    </>
  );
}
