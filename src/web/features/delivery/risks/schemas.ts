/**
 * The risks API's request schemas, for checking forms before they are sent. zod must be
 * configured before any schema is built (see lib/zod-setup.ts), hence the first import.
 */
import '../../../lib/zod-setup.js';

export { CreateIssueRequest, CreateRiskRequest, OccurRiskRequest, ReviewRiskRequest, UpdateIssueRequest, UpdateRiskRequest } from '../../../../contracts/risks.js';
export { checkRequest } from '../../../lib/schemas.js';
