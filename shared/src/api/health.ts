import { z } from 'zod';

/** `GET /api/health`: 200 whenever the collector serves; tracking keeps working while `database` is down. */
export const HealthSchema = z.object({
  ok: z.boolean(),
  database: z.enum(['up', 'down']),
  /** Events recorded but not yet in the database (they are safe on disk). */
  spool: z.object({
    bytes: z.number().int().nonnegative(),
    segments: z.number().int().nonnegative(),
    /**
     * Synced spool writes since start by how long they took (every tracked hit waits for one): `le` upper bounds
     * in ms (null: slower than the last), cumulative counts as Prometheus histograms have them.
     */
    syncMs: z.array(z.object({ le: z.number().nullable(), count: z.number().int().nonnegative() })),
  }),
  lastWriteError: z.string().nullable(),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
