/**
 * The projects API's request schemas, for checking forms before they are sent. zod must be
 * configured before any schema is built (see lib/zod-setup.ts), hence the first import.
 */
import '../../lib/zod-setup.js';

export { CreateProjectRequest, UpdateProjectRequest, MemberRequest, CreateTaskRequest, UpdateTaskRequest, CreateDependencyRequest, CreateBaselineRequest } from '../../../contracts/projects.js';
export { checkRequest, issuesOf } from '../../lib/schemas.js';
