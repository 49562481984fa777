import { ApiErrorSchema } from '@beacon/shared/api/errors';
import { HealthSchema } from '@beacon/shared/api/health';
import { MeSchema, SuppressionSchema } from '@beacon/shared/api/me';
import {
  CreateMessageRequestSchema,
  CreateMessageResponseSchema,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAY_HEADER,
  IdempotencyKeySchema,
  MessageDetailSchema,
  MessageListSchema,
  MessageRecipientsSchema,
} from '@beacon/shared/api/messages';
import { ReportSchema, StreamEventSchema } from '@beacon/shared/api/reports';
import { z } from 'zod';
import { VERSION } from '../http/health.ts';

const SCHEMAS = {
  ApiError: ApiErrorSchema,
  CreateMessageRequest: CreateMessageRequestSchema,
  CreateMessageResponse: CreateMessageResponseSchema,
  MessageList: MessageListSchema,
  MessageDetail: MessageDetailSchema,
  MessageRecipients: MessageRecipientsSchema,
  Report: ReportSchema,
  StreamEvent: StreamEventSchema,
  Me: MeSchema,
  Suppression: SuppressionSchema,
  Health: HealthSchema,
};

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS) => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: ERROR_TEXT[code] ?? 'Error', ...json('ApiError') }]));
const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input (`validation_failed` names the field)',
  401: 'Missing or unknown API token',
  404: 'No such resource, or not visible to the caller',
  409: 'The Idempotency-Key was used for another message, or withdrawn',
  413: 'Body over 5 MB',
  415: 'Body is not JSON',
  429: 'Rate limit for this token reached (see Retry-After)',
};
const secured = { security: [{ bearer: [] }] };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const keySchema = z.toJSONSchema(IdempotencyKeySchema);
const idempotencyKeyParam = {
  name: IDEMPOTENCY_KEY_HEADER,
  in: 'header',
  schema: keySchema,
  description:
    'A UUID made once per message and sent with every attempt to register it: a repeat from the same user answers ' +
    `with the message the first attempt made (\`${IDEMPOTENT_REPLAY_HEADER}: true\`) instead of registering another`,
};
const kindParam = { name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['live', 'global'] } };

const tokenParam = { name: 'token', in: 'path', required: true, schema: { type: 'string' }, description: 'Signed token' };
const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
/** The public endpoints in recipients' mail (no API token: the signed token is the authority). */
const TRACKING = {
  '/o/{token}': {
    get: {
      summary: 'Open pixel (a `.gif` suffix may follow the token); records an open',
      parameters: [tokenParam],
      responses: { 200: { description: 'The 43-byte transparent GIF, also for an invalid token', content: { 'image/gif': {} } } },
    },
  },
  '/c/{token}': {
    get: {
      summary: "Tracked link: records a click and redirects to the signed destination (merge-tag values from m0, m1 ...)",
      parameters: [tokenParam],
      responses: { 302: { description: 'Redirect to the destination' }, 404: html('Invalid token') },
    },
  },
  '/m/{token}': {
    get: {
      summary: 'Mirror page: the message as sent, sandboxed',
      parameters: [tokenParam],
      responses: { 200: html('The message'), 404: html('Invalid token'), 410: html('Past the retention period') },
    },
  },
  '/u/{token}': {
    get: { summary: 'Unsubscribe confirmation page (changes nothing)', parameters: [tokenParam], responses: { 200: html('Form') } },
    post: {
      summary: 'Unsubscribe (form, or RFC 8058 `List-Unsubscribe=One-Click`)',
      parameters: [tokenParam],
      responses: { 200: html('Unsubscribed'), 400: html('Address needed'), 404: html('Invalid token') },
    },
  },
};

/** The OpenAPI 3.1 document for `GET /api/openapi.json`, built from the shared zod schemas. */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  const schemas = Object.fromEntries(
    Object.entries(SCHEMAS).map(([name, schema]) => [
      name,
      z.toJSONSchema(schema, { io: name.endsWith('Request') ? 'input' : 'output', unrepresentable: 'any' }),
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Beacon collector API', version: VERSION },
    servers: [{ url: publicUrl }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/messages': {
        post: {
          summary: 'Register a message about to be sent and get its tracked HTML',
          ...secured,
          parameters: [idempotencyKeyParam],
          requestBody: { required: true, ...json('CreateMessageRequest') },
          responses: {
            201: { description: 'Registered (or, for a repeated Idempotency-Key, registered before)', ...json('CreateMessageResponse') },
            ...errors(400, 401, 409, 413, 415, 429),
          },
        },
        get: {
          summary: 'Messages the caller may see, newest first, with summary counts',
          ...secured,
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'Subject contains' },
          ],
          responses: { 200: { description: 'A page of messages', ...json('MessageList') }, ...errors(400, 401, 429) },
        },
      },
      '/api/messages/{id}': {
        get: {
          summary: 'One message',
          ...secured,
          parameters: [idParam],
          responses: { 200: { description: 'The message', ...json('MessageDetail') }, ...errors(400, 401, 404, 429) },
        },
        delete: {
          summary: "Withdraw one of the caller's own registrations (the message was not sent): it goes, and its `sent` count",
          ...secured,
          parameters: [idParam],
          responses: { 204: { description: 'Withdrawn' }, ...errors(400, 401, 404, 429) },
        },
      },
      '/api/messages/by-key/{key}': {
        delete: {
          summary:
            'Withdraw whatever the caller registered with this Idempotency-Key, even if that request is yet to arrive: ' +
            'for a client that never saw the answer and will not send the message tracked',
          ...secured,
          parameters: [{ name: 'key', in: 'path', required: true, schema: keySchema }],
          responses: { 204: { description: 'Nothing is, or will be, registered with this key' }, ...errors(400, 401, 429) },
        },
        put: {
          summary: "Replace the content of the caller's message registered with this key (an ESP draft tracked again): same id and counters",
          ...secured,
          parameters: [{ name: 'key', in: 'path', required: true, schema: keySchema }],
          requestBody: { required: true, ...json('CreateMessageRequest') },
          responses: { 200: { description: 'The message, tracked anew', ...json('CreateMessageResponse') }, ...errors(400, 401, 404, 409, 413, 415, 429) },
        },
      },
      '/api/messages/{id}/recipients': {
        get: {
          summary: "Who of a list campaign opened and who clicked, known through its recipient merge tag (the sender's own, or any for managers)",
          ...secured,
          parameters: [idParam],
          responses: { 200: { description: 'Recipients reached', ...json('MessageRecipients') }, ...errors(400, 401, 404, 429) },
        },
      },
      '/api/messages/{id}/reports/{kind}': {
        get: {
          summary: "A message's live (24 h) or global report",
          ...secured,
          parameters: [idParam, kindParam],
          responses: { 200: { description: 'The report', ...json('Report') }, ...errors(400, 401, 404, 429) },
        },
      },
      '/api/reports/{kind}': {
        get: {
          summary: "Live or global report over the caller's messages (the workspace for managers and admins, per sender)",
          ...secured,
          parameters: [kindParam],
          responses: { 200: { description: 'The report', ...json('Report') }, ...errors(400, 401, 429) },
        },
      },
      '/api/stream': {
        get: {
          summary: "Server-Sent Events of the caller's new events (`event: hit`, data: StreamEvent)",
          ...secured,
          responses: {
            200: { description: 'An event stream', content: { 'text/event-stream': { schema: ref('StreamEvent') } } },
            ...errors(401, 429),
          },
        },
      },
      '/api/suppressions': {
        get: {
          summary: 'Whether an address unsubscribed from this workspace',
          ...secured,
          parameters: [{ name: 'email', in: 'query', required: true, schema: { type: 'string', format: 'email' } }],
          responses: { 200: { description: 'Suppression status', ...json('Suppression') }, ...errors(400, 401, 429) },
        },
      },
      '/api/me': {
        get: {
          summary: 'The caller and their workspace',
          ...secured,
          responses: { 200: { description: 'The caller', ...json('Me') }, ...errors(401, 429) },
        },
      },
      '/api/health': {
        get: { summary: 'Liveness and the state of the database and spool', responses: { 200: { description: 'Health', ...json('Health') } } },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      ...TRACKING,
    },
  };
}
