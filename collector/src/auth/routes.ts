import type { Me } from '@beacon/shared/api/me';
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import type { ApiEnv } from './middleware.ts';

export function meRoutes(_deps: AppDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.get('/', (c) => {
    const { user, workspace } = c.get('caller');
    const body: Me = { user: { id: user.id, email: user.email, role: user.role }, workspace };
    return c.json(body);
  });
  return app;
}
