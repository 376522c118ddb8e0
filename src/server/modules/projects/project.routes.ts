import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteRequest, ErrorResponse, Id } from '../../../contracts/common.js';
import {
  BaselineResponse, BaselineVariance, CreateBaselineRequest, CreateDependencyRequest, CreateProjectRequest, CreateTaskRequest, DependencyResponse, ListProjectsQuery,
  MemberList, MemberRequest, MemberResponse, MoveTaskRequest, PlanResponse, ProjectPage, ProjectResponse, TaskResponse, UpdateDependencyRequest, UpdateProjectRequest, UpdateTaskRequest,
} from '../../../contracts/projects.js';
import { unchecked } from '../../http/serialize.js';
import { ctxOf } from '../../http/request-context.js';
import * as baselines from './baseline.service.js';
import { MyTaskPage, MyTasksQuery } from '../../../contracts/projects.js';
import { listMyTasks } from './my-tasks.service.js';
import * as planService from './plan.service.js';
import * as projects from './project.service.js';

const Params = z.object({ id: Id });
const MemberParams = z.object({ id: Id, memberId: Id });
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['delivery'];

export const projectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects', { schema: { tags, summary: 'Projects the caller may see (keyset-paginated)', querystring: ListProjectsQuery, response: { 200: ProjectPage } } }, (req) => projects.listProjects(ctxOf(req), req.query));
  app.post('/projects', { schema: { tags, summary: 'Open a project (charter)', body: CreateProjectRequest, response: { 201: ProjectResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return projects.createProject(ctxOf(req), req.body);
  });
  app.get('/me/tasks', { schema: { tags, summary: "The caller's assigned tasks across their projects (keyset-paginated)", querystring: MyTasksQuery, response: { 200: MyTaskPage } } }, (req) => listMyTasks(ctxOf(req), req.query));
  app.get('/projects/:id', { schema: { tags, params: Params, response: { 200: ProjectResponse, 404: ErrorResponse } } }, (req) => projects.getProject(ctxOf(req), req.params.id));
  app.patch('/projects/:id', { schema: { tags, params: Params, body: UpdateProjectRequest, response: { 200: ProjectResponse, ...errors } } }, (req) => projects.updateProject(ctxOf(req), req.params.id, req.body));

  app.get('/projects/:id/members', { schema: { tags, params: Params, response: { 200: MemberList, 404: ErrorResponse } } }, (req) => projects.listMembers(ctxOf(req), req.params.id));
  app.post('/projects/:id/members', { schema: { tags, params: Params, body: MemberRequest, response: { 201: MemberResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return projects.addMember(ctxOf(req), req.params.id, req.body);
  });
  app.delete('/projects/:id/members/:memberId', { schema: { tags, params: MemberParams, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await projects.removeMember(ctxOf(req), req.params.id, req.params.memberId, req.body.version);
    return reply.status(204).send(null);
  });

  app.get('/projects/:id/plan', { ...unchecked, schema: { tags, summary: 'The whole plan with computed schedule, for the Gantt chart', params: Params, response: { 200: PlanResponse, 404: ErrorResponse } } }, (req) => planService.getPlan(ctxOf(req), req.params.id));
  app.post('/projects/:id/tasks', { schema: { tags, summary: 'Add a task (the plan reschedules)', params: Params, body: CreateTaskRequest, response: { 201: TaskResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return planService.createTask(ctxOf(req), req.params.id, req.body);
  });
  app.patch('/tasks/:id', { schema: { tags, params: Params, body: UpdateTaskRequest, response: { 200: TaskResponse, ...errors } } }, (req) => planService.updateTask(ctxOf(req), req.params.id, req.body));
  app.post('/tasks/:id/move', { schema: { tags, summary: 'Indent, outdent, move up or down', params: Params, body: MoveTaskRequest, response: { 200: TaskResponse, ...errors } } }, (req) => planService.moveTask(ctxOf(req), req.params.id, req.body));
  app.delete('/tasks/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await planService.deleteTask(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });

  app.post('/projects/:id/dependencies', { schema: { tags, summary: 'Link two tasks (FS, SS, FF, SF with lag); a cycle answers 422 naming the tasks', params: Params, body: CreateDependencyRequest, response: { 201: DependencyResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return planService.createDependency(ctxOf(req), req.params.id, req.body);
  });
  app.patch('/dependencies/:id', { schema: { tags, params: Params, body: UpdateDependencyRequest, response: { 200: DependencyResponse, ...errors } } }, (req) => planService.updateDependency(ctxOf(req), req.params.id, req.body));
  app.delete('/dependencies/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await planService.deleteDependency(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });

  app.post('/projects/:id/baselines', { schema: { tags, summary: 'Save the plan as a named baseline', params: Params, body: CreateBaselineRequest, response: { 201: BaselineResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return baselines.createBaseline(ctxOf(req), req.params.id, req.body.name);
  });
  app.get('/projects/:id/baselines', { schema: { tags, params: Params, response: { 200: z.object({ items: z.array(BaselineResponse) }), 404: ErrorResponse } } }, (req) => baselines.listBaselines(ctxOf(req), req.params.id));
  app.get('/baselines/:id/variance', { schema: { tags, summary: 'Variance of dates, work and cost against a baseline', params: Params, response: { 200: BaselineVariance, 404: ErrorResponse } } }, (req) => baselines.baselineVariance(ctxOf(req), req.params.id));
};
