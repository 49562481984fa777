import { IdSchema } from '@beacon/shared/api/common';
import { CreateMessageResponseSchema, IdempotencyKeySchema } from '@beacon/shared/api/messages';
import { z } from '@hono/zod-openapi';
import { named } from '../http/openapi.ts';

/** What the message routes (routes.ts, campaign-routes.ts) declare alike: the registration's answer, the path parameters. */
export const CreateMessageResponse = named(CreateMessageResponseSchema, 'CreateMessageResponse');
export const idParams = z.object({ id: IdSchema });
export const keyParams = z.object({ key: IdempotencyKeySchema });
