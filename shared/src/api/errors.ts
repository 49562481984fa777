import { z } from 'zod';

/** Every error the collector answers with; the HTTP status for each lives once, in the collector. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'conflict',
  'unavailable',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** The offending field as a dotted path (`recipients.0.email`), when one is to blame. */
  field: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;
