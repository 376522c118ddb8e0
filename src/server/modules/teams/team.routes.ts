import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteRequest, ErrorResponse, Id } from '../../../contracts/common.js';
import { CreateTeamRequest, TeamList, TeamResponse, UpdateTeamRequest } from '../../../contracts/teams.js';
import { ctxOf } from '../../http/request-context.js';
import * as teams from './team.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/teams', { schema: { tags: ['teams'], summary: 'The team tree, flat (parentId links)', response: { 200: TeamList } } }, (req) => teams.listTeams(ctxOf(req)));
  app.post('/teams', { schema: { tags: ['teams'], body: CreateTeamRequest, response: { 201: TeamResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return teams.createTeam(ctxOf(req), req.body);
  });
  app.patch('/teams/:id', { schema: { tags: ['teams'], params: Params, body: UpdateTeamRequest, response: { 200: TeamResponse, ...errors } } }, (req) => teams.updateTeam(ctxOf(req), req.params.id, req.body));
  app.delete('/teams/:id', { schema: { tags: ['teams'], params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await teams.deleteTeam(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });
};
