import { App, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { UserPicker } from '../../../components/UserPicker.js';
import { currentLocale } from '../../../i18n/index.js';
import { api, isApiError } from '../../../lib/api.js';
import { errorMessage } from '../../../lib/errors.js';
import { formatMinor, formatPlanDate } from '../../../lib/format.js';
import { dealKeys, useBoard, useDealMutations } from './api.js';
import { LostReasonModal } from './LostReasonModal.js';
import type { Board, BoardCard, BoardCardPage, Pipeline } from './types.js';

/** The kanban: a column per stage with its count and totals (from SQL), cards dragged between columns. */
export function BoardView({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const board = useBoard(pipeline.id, ownerId);
  const { move } = useDealMutations();
  const [pendingLost, setPendingLost] = useState<{ card: BoardCard; stageId: string } | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const key = dealKeys.board(pipeline.id, ownerId);
  const [loadingMore, setLoadingMore] = useState<string | null>(null);
  const inFlight = useRef(new Set<string>());

  /**
   * A column's next cards, appended where they are (a reload after a move starts the columns afresh).
   * Asked for by the column's end coming into view or by its button; one request per cursor.
   */
  const showMore = async (stageId: string, cursor: string) => {
    if (inFlight.current.has(cursor)) return;
    inFlight.current.add(cursor);
    setLoadingMore(stageId);
    try {
      const page = await api.get<BoardCardPage>(`/pipelines/${pipeline.id}/board/stages/${stageId}/cards`, { cursor, ownerId });
      qc.setQueryData<Board>(key, (b) => b && { ...b, columns: b.columns.map((c) => (c.stageId === stageId && c.nextCursor === cursor ? { ...c, cards: [...c.cards, ...page.items], nextCursor: page.nextCursor } : c)) });
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      inFlight.current.delete(cursor);
      setLoadingMore(null);
    }
  };

  /** Moves the card on screen first; the server's answer (or a reload on conflict) settles it. */
  const doMove = async (card: BoardCard, stageId: string, lost?: { lostReason: string; lostToCompetitorId: string | null }) => {
    const before = qc.getQueryData<Board>(key);
    if (before) qc.setQueryData<Board>(key, optimistic(before, card, stageId));
    try {
      await move.mutateAsync({ id: card.id, stageId, version: card.version, ...lost });
      setPendingLost(null);
    } catch (err) {
      if (before) qc.setQueryData(key, before);
      message.error(isApiError(err) && err.status === 409 ? t('deals.conflict') : errorMessage(err, t));
      setPendingLost(null);
    } finally {
      await qc.invalidateQueries({ queryKey: dealKeys.all });
    }
  };

  const onDrop = (e: DragEvent, stageId: string, kind: string) => {
    e.preventDefault();
    setOver(null);
    const raw = e.dataTransfer.getData('application/x-tandem-card');
    if (!raw) return;
    const card = findCard(board.data, raw);
    if (!card || card.stageId === stageId) return;
    if (kind === 'lost') setPendingLost({ card, stageId });
    else void doMove(card, stageId);
  };

  if (board.error) return <ErrorAlert error={board.error} onRetry={() => board.refetch()} />;
  return (
    <>
      <Flex gap={8} align="center">
        <Typography.Text type="secondary">{t('deals.owner')}</Typography.Text>
        <UserPicker value={ownerId} onChange={(v) => setOwnerId(v ?? undefined)} style={{ minWidth: 220 }} placeholder={t('deals.everyone')} data-testid="board-owner" />
      </Flex>
      {!board.data ? (
        <Skeleton active />
      ) : (
        <div style={{ display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8 }} data-testid="board">
          {board.data.columns.map((col) => (
            <div
              key={col.stageId}
              data-testid={`board-column-${col.name}`}
              data-stage-id={col.stageId}
              onDragOver={(e) => {
                e.preventDefault();
                setOver(col.stageId);
              }}
              onDragLeave={() => setOver((o) => (o === col.stageId ? null : o))}
              onDrop={(e) => onDrop(e, col.stageId, col.kind)}
              style={{ flex: '0 0 260px', display: 'flex', flexDirection: 'column', background: over === col.stageId ? '#e6f4ff' : '#fafafa', borderRadius: 8, padding: 8, minHeight: 320, maxHeight: 'calc(100vh - 240px)' }}
            >
              <Flex vertical gap={2} style={{ marginBottom: 8 }}>
                <Flex justify="space-between" align="center">
                  <Typography.Text strong>{col.name}</Typography.Text>
                  <Tag data-testid={`board-count-${col.name}`}>{col.count}</Tag>
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`board-total-${col.name}`}>
                  {board.data!.currency} {formatMinor(col.amountBase, locale)} · {t('deals.weighted')} {formatMinor(col.weightedBase, locale)} · {col.probability}%
                </Typography.Text>
              </Flex>
              <Flex vertical gap={8} style={{ overflowY: 'auto', minHeight: 0 }} data-testid={`board-cards-${col.name}`}>
                {col.cards.map((card) => (
                  <div
                    key={card.id}
                    draggable={card.abilities.update}
                    onDragStart={(e) => {
                      e.dataTransfer.setData('application/x-tandem-card', card.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                    data-testid={`board-card-${card.name}`}
                    style={{ cursor: card.abilities.update ? 'grab' : 'default' }}
                  >
                    <Card size="small">
                      <Link to={`/sales/opportunities/${card.id}`} draggable={false}>{card.name}</Link>
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{card.accountName}</Typography.Text>
                      </div>
                      <Flex justify="space-between" style={{ fontSize: 12 }}>
                        <span>{card.currency} {formatMinor(card.amount, locale)}</span>
                        <span>{formatPlanDate(card.closeDate, locale)}</span>
                      </Flex>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{card.ownerName}</Typography.Text>
                    </Card>
                  </div>
                ))}
                {col.kind === 'open' && col.cards.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deals.noCards')} /> : null}
                {col.nextCursor ? (
                  <MoreCards cursor={col.nextCursor} onVisible={() => void showMore(col.stageId, col.nextCursor!)}>
                    <Button size="small" type="link" loading={loadingMore === col.stageId} onClick={() => void showMore(col.stageId, col.nextCursor!)} data-testid={`board-more-${col.name}`}>
                      {t('deals.showMore', { shown: col.cards.length, count: col.count })}
                    </Button>
                  </MoreCards>
                ) : null}
              </Flex>
            </div>
          ))}
        </div>
      )}
      <LostReasonModal open={!!pendingLost} busy={move.isPending} onCancel={() => setPendingLost(null)} onConfirm={(v) => pendingLost && void doMove(pendingLost.card, pendingLost.stageId, v)} />
    </>
  );
}

/** The end of a column: asks for the next cards once it scrolls into view (inside the column or the page). */
function MoreCards({ cursor, onVisible, children }: { cursor: string; onVisible: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef(onVisible);
  latest.current = onVisible;
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) latest.current();
    });
    io.observe(el);
    return () => io.disconnect();
  }, [cursor]);
  return <div ref={ref}>{children}</div>;
}

function findCard(board: Board | undefined, id: string) {
  for (const col of board?.columns ?? []) for (const c of col.cards) if (c.id === id) return c;
  return undefined;
}

/** The board as it will be once the move is accepted: the card in its new column, the counts moved. */
function optimistic(board: Board, card: BoardCard, stageId: string): Board {
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col.stageId === card.stageId) return { ...col, count: col.count - 1, amountBase: col.amountBase - card.amountBase, cards: col.cards.filter((c) => c.id !== card.id) };
      if (col.stageId === stageId) {
        const cards = col.kind === 'open' ? [...col.cards, { ...card, stageId }].sort((a, b) => a.closeDate.localeCompare(b.closeDate)) : col.cards;
        return { ...col, count: col.count + 1, amountBase: col.amountBase + card.amountBase, cards };
      }
      return col;
    }),
  };
}
