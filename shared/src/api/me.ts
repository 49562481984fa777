import { z } from 'zod';
import { IdSchema, RoleSchema } from './common.ts';

export const MeSchema = z.object({
  user: z.object({ id: IdSchema, email: z.email(), role: RoleSchema }),
  workspace: z.object({ id: IdSchema, name: z.string() }),
});
export type Me = z.infer<typeof MeSchema>;

export const SuppressionQuerySchema = z.object({ email: z.email().max(320) });
export const SuppressionSchema = z.object({
  email: z.string(),
  suppressed: z.boolean(),
  /** When the address unsubscribed, if it did. */
  at: z.string().nullable(),
});
export type Suppression = z.infer<typeof SuppressionSchema>;
