import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

/** Requests and responses of the pipelines, stages, opportunities, board, saved views. */

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export const OPPORTUNITY_STATUSES = ['open', 'won', 'lost'] as const;
export const COMPETITOR_STATUSES = ['active', 'won_against', 'lost_to', 'withdrew'] as const;
export const OPPORTUNITY_SORTS = ['closeDate', 'amount', 'updatedAt'] as const;

export const StageKind = z.enum(STAGE_KINDS);
export const ForecastCategory = z.enum(FORECAST_CATEGORIES);
export const OpportunityStatus = z.enum(OPPORTUNITY_STATUSES);
export const CompetitorStatus = z.enum(COMPETITOR_STATUSES);

/** Money in minor units: a whole number, 0 or more. */
export const Amount = z
  .number({ error: 'An amount in minor units (a whole number, 0 or more).' })
  .int('An amount in minor units (a whole number).')
  .min(0, 'An amount cannot be negative.')
  .max(Number.MAX_SAFE_INTEGER, 'This amount is too large.');
/** An ISO 4217 code such as CNY or USD. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'A three-letter ISO 4217 currency code, e.g. CNY.');
export const Probability = z.number({ error: 'A whole percentage from 0 to 100.' }).int('A whole percentage from 0 to 100.').min(0, 'At least 0.').max(100, 'At most 100.');
const text = (max: number) => z.string().max(max);
const Name = z.string().trim().min(1, 'A name is needed.').max(200);

// ---- pipelines and stages ----

export const StageResponse = z.object({
  id: Id,
  pipelineId: Id,
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  kind: StageKind,
  archived: z.boolean(),
  version: Version,
});
export type StageResponse = z.infer<typeof StageResponse>;

export const PipelineResponse = z.object({
  id: Id,
  name: z.string(),
  isDefault: z.boolean(),
  archived: z.boolean(),
  version: Version,
  /** in order; archived stages last-known position, flagged */
  stages: z.array(StageResponse),
  abilities: Abilities,
});
export type PipelineResponse = z.infer<typeof PipelineResponse>;
export const PipelineList = z.object({ items: z.array(PipelineResponse), abilities: Abilities });
export type PipelineList = z.infer<typeof PipelineList>;

export const StageInput = z.object({ name: Name, probability: Probability, kind: StageKind.default('open') });

export const CreatePipelineRequest = z.object({
  name: Name,
  isDefault: z.boolean().default(false),
  /** when left out, the standard six stages */
  stages: z.array(StageInput).min(2).max(30).optional(),
});
export const UpdatePipelineRequest = z.object({ version: Version, name: Name.optional(), isDefault: z.literal(true).optional(), archived: z.boolean().optional() });
export const CreateStageRequest = StageInput.extend({
  /** 0-based place among the pipeline's stages; at the end of the open stages when left out */
  position: z.number().int().min(0).optional(),
});
export const UpdateStageRequest = z.object({ version: Version, name: Name.optional(), probability: Probability.optional(), kind: StageKind.optional(), archived: z.boolean().optional() });
export const StageOrderRequest = z.object({ version: Version, stageIds: z.array(Id).min(1).max(60) });

// ---- opportunities ----

export const OpportunityResponse = z.object({
  id: Id,
  name: z.string(),
  accountId: Id,
  accountName: z.string().nullable(),
  contactId: Id.nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  pipelineId: Id,
  stageId: Id,
  stageName: z.string().nullable(),
  status: OpportunityStatus,
  amount: z.number().int(),
  currency: z.string(),
  /** the amount in the organisation's currency (minor units) */
  amountBase: z.number().int(),
  closeDate: IsoDate,
  probability: z.number().int(),
  probabilityOverridden: z.boolean(),
  forecastCategory: ForecastCategory,
  needs: z.string(),
  solution: z.string(),
  nextStep: z.string(),
  leadSource: z.string().nullable(),
  lostReason: z.string().nullable(),
  lostToCompetitorId: Id.nullable(),
  wonAt: z.string().nullable(),
  lostAt: z.string().nullable(),
  stageChangedAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type OpportunityResponse = z.infer<typeof OpportunityResponse>;

export const StageHistoryEntry = z.object({
  id: Id,
  fromStageId: Id.nullable(),
  fromStageName: z.string().nullable(),
  toStageId: Id,
  toStageName: z.string().nullable(),
  amountBase: z.number().int(),
  probability: z.number().int(),
  changedBy: Id.nullable(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});
export const OpportunityCompetitorResponse = z.object({
  competitorId: Id,
  name: z.string(),
  strengths: z.string(),
  weaknesses: z.string(),
  status: CompetitorStatus,
  version: Version,
});
export type OpportunityCompetitorResponse = z.infer<typeof OpportunityCompetitorResponse>;
export const OpportunityCompetitorList = z.object({ items: z.array(OpportunityCompetitorResponse) });

export const OpportunityDetail = OpportunityResponse.extend({
  stageHistory: z.array(StageHistoryEntry),
  competitors: z.array(OpportunityCompetitorResponse),
  /** the pipeline's stages, for the stage steps of the header */
  stages: z.array(StageResponse),
});
export type OpportunityDetail = z.infer<typeof OpportunityDetail>;

export const CreateOpportunityRequest = z.object({
  name: Name,
  accountId: Id,
  contactId: Id.nullable().default(null),
  /** the actor when left out; else someone in a team tree the actor manages */
  ownerId: Id.optional(),
  pipelineId: Id,
  stageId: Id,
  amount: Amount,
  currency: Currency,
  closeDate: IsoDate,
  /** the stage's default when left out */
  probability: Probability.optional(),
  forecastCategory: ForecastCategory.optional(),
  needs: text(20_000).default(''),
  solution: text(20_000).default(''),
  nextStep: text(2000).default(''),
  leadSource: text(200).nullable().default(null),
});
export const UpdateOpportunityRequest = z.object({
  version: Version,
  name: Name.optional(),
  contactId: Id.nullable().optional(),
  ownerId: Id.optional(),
  amount: Amount.optional(),
  currency: Currency.optional(),
  closeDate: IsoDate.optional(),
  /** null: back to the stage's default */
  probability: Probability.nullable().optional(),
  forecastCategory: ForecastCategory.optional(),
  needs: text(20_000).optional(),
  solution: text(20_000).optional(),
  nextStep: text(2000).optional(),
  leadSource: text(200).nullable().optional(),
});
export const MoveOpportunityRequest = z.object({
  stageId: Id,
  version: Version,
  /** needed when the stage is a lost one */
  lostReason: z.string().trim().max(2000).optional(),
  lostToCompetitorId: Id.nullable().optional(),
});
export const PutOpportunityCompetitorRequest = z.object({
  strengths: text(5000).default(''),
  weaknesses: text(5000).default(''),
  status: CompetitorStatus.default('active'),
  /** the row's version when it exists already (stale → 409) */
  version: Version.optional(),
});

const csvIds = z.preprocess((v) => (typeof v === 'string' && v !== '' ? v.split(',') : v), z.array(Id).max(50)).optional();
export const ListOpportunitiesQuery = PageQuery.extend({
  ownerId: csvIds,
  stageId: csvIds,
  status: OpportunityStatus.optional(),
  pipelineId: Id.optional(),
  accountId: Id.optional(),
  closeFrom: IsoDate.optional(),
  closeTo: IsoDate.optional(),
  minAmount: z.coerce.number().int().min(0).optional(),
  maxAmount: z.coerce.number().int().min(0).optional(),
  forecastCategory: ForecastCategory.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(OPPORTUNITY_SORTS).default('closeDate'),
});
export type ListOpportunitiesQuery = z.infer<typeof ListOpportunitiesQuery>;
export const OpportunityPage = pageOf(OpportunityResponse).extend({ abilities: Abilities });
export type OpportunityPage = z.infer<typeof OpportunityPage>;

// ---- board ----

export const BoardQuery = z.object({
  ownerId: Id.optional(),
  /** mine: only the actor's own deals; visible (default): everything the actor may see */
  teamScope: z.enum(['mine', 'visible']).default('visible'),
});
export const BoardCard = z.object({
  id: Id,
  name: z.string(),
  accountName: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  stageId: Id,
  amount: z.number().int(),
  currency: z.string(),
  amountBase: z.number().int(),
  closeDate: IsoDate,
  probability: z.number().int(),
  version: Version,
  abilities: Abilities,
});
export type BoardCard = z.infer<typeof BoardCard>;
export const BoardColumn = z.object({
  stageId: Id,
  name: z.string(),
  kind: StageKind,
  probability: z.number().int(),
  count: z.number().int(),
  amountBase: z.number().int(),
  /** amountBase × the stage's probability */
  weightedBase: z.number().int(),
  /** the first 10 by close date (open stages only) */
  cards: z.array(BoardCard),
  nextCursor: z.string().nullable(),
});
export const BoardResponse = z.object({ pipelineId: Id, currency: z.string(), columns: z.array(BoardColumn) });
export type BoardResponse = z.infer<typeof BoardResponse>;
export const BoardCardsQuery = BoardQuery.extend({ cursor: z.string().max(512).optional(), limit: z.coerce.number().int().min(1).max(200).default(20) });
export const BoardCardPage = pageOf(BoardCard);

// ---- saved views ----

export const SavedViewFilters = z.record(z.string().max(50), z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(100)).max(50), z.null()]));
export const SavedViewResponse = z.object({
  id: Id,
  list: z.string(),
  name: z.string(),
  filters: SavedViewFilters,
  shared: z.boolean(),
  userId: Id,
  userName: z.string().nullable(),
  version: Version,
  abilities: Abilities,
});
export type SavedViewResponse = z.infer<typeof SavedViewResponse>;
export const SavedViewList = z.object({ items: z.array(SavedViewResponse) });
export const SavedViewListQuery = z.object({ list: z.enum(['opportunities']).default('opportunities') });
export const CreateSavedViewRequest = z.object({ list: z.enum(['opportunities']).default('opportunities'), name: Name, filters: SavedViewFilters, shared: z.boolean().default(false) });
export const UpdateSavedViewRequest = z.object({ version: Version, name: Name.optional(), filters: SavedViewFilters.optional(), shared: z.boolean().optional() });
