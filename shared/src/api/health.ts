import { z } from 'zod';

/** `GET /api/health`: 200 whenever the collector serves; tracking keeps working while `database` is down. */
export const HealthSchema = z.object({
  ok: z.boolean(),
  database: z.enum(['up', 'down']),
  /** Events recorded but not yet in the database (they are safe on disk). */
  spool: z.object({ bytes: z.number().int().nonnegative(), segments: z.number().int().nonnegative() }),
  lastWriteError: z.string().nullable(),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
