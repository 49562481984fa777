import type { ApiError, ErrorCode } from '@beacon/shared/api/errors';
import { hasLoneSurrogate } from '@beacon/shared/text';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The one place an error code becomes an HTTP status. */
export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function fail(code: ErrorCode, message: string, field?: string): never {
  throw new ApiFailure(code, message, field);
}

export function errorBody(code: ErrorCode, message: string, field?: string): ApiError {
  return field === undefined ? { code, message } : { code, message, field };
}

export function sendError(c: Context, e: ApiFailure): Response {
  for (const [k, v] of Object.entries(e.headers ?? {})) c.header(k, v);
  return c.json(errorBody(e.code, e.message, e.field), STATUS[e.code]);
}

/**
 * Parses with a shared schema; the first issue becomes `400 validation_failed` naming its field. Text Postgres
 * cannot store is refused too, naming its field: a NUL character, or half a surrogate pair (JSON's `\ud800`).
 */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, prefix = ''): z.output<S> {
  const r = schema.safeParse(data);
  const join = (path: readonly PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.');
  if (r.success) {
    const bad = findUnstorable(r.data, []);
    if (bad) fail('validation_failed', `${join(bad.path) || 'input'}: ${bad.why}`, join(bad.path) || undefined);
    return r.data;
  }
  const issue = r.error.issues[0];
  const field = join(issue?.path ?? []);
  fail('validation_failed', field ? `${field}: ${issue?.message ?? 'invalid'}` : (issue?.message ?? 'invalid input'), field || undefined);
}

function findUnstorable(value: unknown, path: PropertyKey[]): { path: PropertyKey[]; why: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, why: 'must not contain NUL characters' };
    if (hasLoneSurrogate(value)) return { path, why: 'must be valid Unicode (it holds half of a surrogate pair)' };
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findUnstorable(v, [...path, Array.isArray(value) ? Number(k) : k]);
      if (found) return found;
    }
  }
  return null;
}

/** A JSON request body's bytes, for a thread to parse: 415 unless JSON. */
export async function readJsonBytes(c: Context): Promise<Uint8Array> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) fail('unsupported_media_type', 'send the body as application/json');
  return new Uint8Array(await c.req.arrayBuffer());
}
