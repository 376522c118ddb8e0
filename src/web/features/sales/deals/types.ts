/** Wire types of the deals API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  BoardCard as BoardCardSchema, BoardCardPage as BoardCardPageSchema, BoardResponse, CreateOpportunityRequest, ForecastCategory as ForecastCategorySchema, OpportunityCompetitorResponse, OpportunityDetail as OpportunityDetailSchema,
  OpportunityPage as OpportunityPageSchema, OpportunityResponse, PipelineList as PipelineListSchema, PipelineResponse, SavedViewResponse, StageResponse, UpdateOpportunityRequest,
} from '../../../../contracts/deals.js';

export type Pipeline = z.infer<typeof PipelineResponse>;
export type PipelineList = z.infer<typeof PipelineListSchema>;
export type Stage = z.infer<typeof StageResponse>;
export type Opportunity = z.infer<typeof OpportunityResponse>;
export type OpportunityDetail = z.infer<typeof OpportunityDetailSchema>;
export type OpportunityPage = z.infer<typeof OpportunityPageSchema>;
export type CreateOpportunity = z.input<typeof CreateOpportunityRequest>;
export type UpdateOpportunity = z.input<typeof UpdateOpportunityRequest>;
export type Board = z.infer<typeof BoardResponse>;
export type BoardCard = z.infer<typeof BoardCardSchema>;
export type BoardCardPage = z.infer<typeof BoardCardPageSchema>;
export type SavedView = z.infer<typeof SavedViewResponse>;
export type OpportunityCompetitor = z.infer<typeof OpportunityCompetitorResponse>;
export type ForecastCategory = z.infer<typeof ForecastCategorySchema>;
export const FORECAST_CATEGORY_LIST: ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];
export const COMPETITOR_STATUS_LIST = ['active', 'won_against', 'lost_to', 'withdrew'] as const;

/** The list's filters, as query parameters (what a saved view stores). */
export interface OpportunityFilter {
  ownerId?: string;
  stageId?: string;
  status?: 'open' | 'won' | 'lost';
  pipelineId?: string;
  accountId?: string;
  closeFrom?: string;
  closeTo?: string;
  minAmount?: number;
  maxAmount?: number;
  forecastCategory?: ForecastCategory;
  q?: string;
  sort?: 'closeDate' | 'amount' | 'updatedAt';
}
