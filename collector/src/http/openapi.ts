import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { OpenAPIHono, z, type Hook } from '@hono/zod-openapi';
import type { Context, Env, TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { accepted } from './errors.ts';

/**
 * Routes declared with `createRoute` (params, query, headers, body and responses, with the shared zod schemas):
 * what a route declares is what it validates and what `GET /api/openapi.json` describes, so the two cannot drift.
 * A request that does not match is the shared `400 validation_failed` naming its field, as `parseWith` answers.
 */
export function openApiRoutes<E extends Env = Env>(): OpenAPIHono<E> {
  // Throws the ApiFailure (app.onError answers it); on success, text Postgres cannot store is refused as well.
  const validated: Hook<unknown, E, string, void> = (result) => {
    accepted(result.success ? { success: true, data: result.data } : { success: false, error: result.error });
  };
  return new OpenAPIHono<E>({ defaultHook: validated });
}

/**
 * Routes of the recipients' pages, declared alike for the document. Their only parameter is the signed token, any
 * text: what is not a genuine token is answered with a page (404), never with the API's JSON error.
 */
export function pageRoutes(): OpenAPIHono {
  return new OpenAPIHono({ defaultHook: () => {} });
}

/**
 * `schema` as the document's component `name` (referred to by `$ref`). Also for a schema made before
 * @hono/zod-openapi added `.openapi()` to zod: zod 4 gives a schema its methods when it is made, and the shared
 * schemas may load first.
 */
export function named<T extends z.ZodType>(schema: T, name: string): T {
  return (z.ZodType.prototype as unknown as { openapi(this: T, name: string): T }).openapi.call(schema, name);
}

const ApiError = named(ApiErrorSchema, 'ApiError');

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (`validation_failed` names the field)',
  401: 'Missing or unknown API token',
  404: 'No such resource, or not visible to the caller',
  409: 'The Idempotency-Key was used for another message, or withdrawn',
  413: 'Body over 5 MB',
  415: 'Body is not JSON',
  429: 'Rate limit for this token reached (see Retry-After)',
};

/** The API's error answers for these statuses, each the shared `{code, message, field?}`. */
export function errors<S extends keyof typeof ERROR_TEXT>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, json(ApiError, ERROR_TEXT[s]!)])) as Record<S, ReturnType<typeof json<typeof ApiError>>>;
}

/** A JSON response (or body) of `schema`. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** An HTML page for recipients. */
export const htmlPage = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

export const secured = { security: [{ bearer: [] }] };

/**
 * A JSON body described in the document but read by the handler as bytes: `schema` is registered as a component and
 * the route refers to it, so Hono neither parses nor validates it on the request thread (a 5 MB registration is
 * parsed and validated on the prepare thread, messages/preparer.ts).
 */
export function unparsedJsonBody(app: Pick<OpenAPIHono, 'openAPIRegistry'>, name: string, schema: z.ZodType) {
  app.openAPIRegistry.register(name, named(schema, name));
  return { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } };
}

/** A JSON answer serialized already (on the prepare thread), as the route's typed JSON response. */
export function preparedJson<T, S extends ContentfulStatusCode>(c: Context, text: string, status: S): TypedResponse<T, S, 'json'> {
  return c.body(text, status, { 'Content-Type': 'application/json' }) as unknown as TypedResponse<T, S, 'json'>;
}

/** The OpenAPI 3.1 document of every route `app` declares. */
export function openApiDocument(app: Pick<OpenAPIHono, 'openAPIRegistry' | 'getOpenAPI31Document'>, info: { publicUrl: string; version: string }) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Beacon collector API', version: info.version },
    servers: [{ url: info.publicUrl }],
  });
}
