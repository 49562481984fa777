import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAY_HEADER } from '@beacon/shared/api/messages';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requireCaller, type ApiEnv } from './auth/middleware.ts';
import { meRoutes } from './auth/routes.ts';
import type { AppDeps } from './deps.ts';
import { ApiFailure, errorBody, sendError, STATUS } from './http/errors.ts';
import { healthRoutes, VERSION } from './http/health.ts';
import { openApiDocument, openApiRoutes } from './http/openapi.ts';
import { notePage, pageHeaders, pickLocale } from './http/pages.ts';
import { requestLog } from './http/request-log.ts';
import { PIXEL_AND_REDIRECT_ROUTES } from './ingest/1-http-pixel-and-redirect.ts';
import { messageRoutes } from './messages/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { streamRoutes } from './stream/routes.ts';
import { suppressionRoutes } from './suppressions/routes.ts';
import { trackRoutes } from './track/routes.ts';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const openApi = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  responses: { 200: { description: 'OpenAPI 3.1, generated from the routes' } },
});

/**
 * The route table. Everything it needs comes in `deps`; nothing here opens connections or reads the environment.
 * Every route is declared with its schemas (http/openapi.ts), and `GET /api/openapi.json` is made from them.
 */
export function createApp(deps: AppDeps): OpenAPIHono {
  const app = openApiRoutes();
  for (const route of PIXEL_AND_REDIRECT_ROUTES) app.openAPIRegistry.registerPath(route);

  app.route('/', trackRoutes(deps));

  const api = openApiRoutes<ApiEnv>();
  api.use('*', requestLog(deps.log));
  api.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff'); // JSON is never to be read as anything else
  });
  api.use(
    '*',
    cors({
      origin: (origin) => (isAllowedOrigin(origin, deps.config.corsOrigins) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', IDEMPOTENCY_KEY_HEADER],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      exposeHeaders: ['Retry-After', IDEMPOTENT_REPLAY_HEADER, 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload_too_large', `the body is over ${MAX_BODY_BYTES} bytes`), 413),
    }),
  );
  api.route('/health', healthRoutes(deps));
  let document: ReturnType<typeof openApiDocument> | undefined; // made once every route is in, at the first request
  api.openapi(openApi, (c) => c.json((document ??= openApiDocument(app, { publicUrl: deps.config.publicUrl, version: VERSION })), 200));
  // Only on known routes, so an unknown one is a 404 with or without a token.
  const auth = requireCaller(deps);
  const open = new Set(['/api/health', '/api/openapi.json']);
  const known = /^\/api\/(me|messages|reports|stream|suppressions)(\/|$)/;
  api.use('*', (c, next) => (!open.has(c.req.path) && known.test(c.req.path) ? auth(c, next) : next()));
  api.route('/me', meRoutes(deps));
  api.route('/messages', messageRoutes(deps));
  api.route('/', reportRoutes(deps));
  api.route('/stream', streamRoutes(deps));
  api.route('/suppressions', suppressionRoutes(deps));
  app.route('/api', api);

  app.notFound((c) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) {
      return c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404);
    }
    const locale = pickLocale(c.req.header('accept-language'));
    return c.body(notePage(locale, 'nothingHere'), 404, pageHeaders(locale));
  });

  app.onError((err, c) => {
    if (err instanceof ApiFailure) return sendError(c, err);
    if (err instanceof HTTPException) {
      // Hono's own refusals (a body too large, a JSON body that does not parse, another media type): the shared error.
      const status = err.status;
      const code =
        status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 401
              ? 'unauthorized'
              : status === 404
                ? 'not_found'
                : 'bad_request';
      return c.json(errorBody(code, err.message || code), STATUS[code]);
    }
    if (isUnavailable(err)) {
      deps.log.warn(`${c.req.method} ${c.req.path}: database unavailable`, err);
      c.header('Retry-After', '5');
      return c.json(errorBody('unavailable', 'the database is unavailable; try again shortly'), 503);
    }
    deps.log.error(`${c.req.method} ${c.req.path} failed`, err);
    return c.json(errorBody('internal', 'something went wrong on our side'), 500);
  });
  return app;
}

/** Browser extensions (their origin is chrome-extension://<id> or moz-extension://<id>) and configured origins. */
function isAllowedOrigin(origin: string, configured: string[]): boolean {
  return /^(chrome|moz|safari-web)-extension:\/\/[a-z0-9-]+$/i.test(origin) || configured.includes(origin);
}

/** Connection-level failures (database down or restarting), as opposed to bugs. */
function isUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE|CONNECT_TIMEOUT|CONNECTION_(CLOSED|ENDED|DESTROYED))$/.test(code) ||
      /^(57P0[1-3]|08\d{3}|53\d{3})$/.test(code))
  );
}
