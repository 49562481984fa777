import { MeSchema, type Me } from '@beacon/shared/api/me';
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.ts';
import { errors, json, named, openApiRoutes, secured } from '../http/openapi.ts';
import type { ApiEnv } from './middleware.ts';

const me = createRoute({
  method: 'get',
  path: '/',
  summary: 'The caller and their workspace',
  ...secured,
  responses: { 200: json(named(MeSchema, 'Me'), 'The caller'), ...errors(401, 429) },
});

export function meRoutes(_deps: AppDeps) {
  const app = openApiRoutes<ApiEnv>();
  app.openapi(me, (c) => {
    const { user, workspace } = c.get('caller');
    const body: Me = { user: { id: user.id, email: user.email, role: user.role }, workspace };
    return c.json(body, 200);
  });
  return app;
}
