import { createHash, randomUUID } from 'node:crypto';
import type { Sql } from '../db/connect.ts';
import { fail } from '../http/errors.ts';
import type { CreateMessage } from './prepare.ts';
import { claimKey, findKeyed, insertMessage, type NewMessage } from './queries.ts';

export interface Registration {
  id: string;
  /** Whole seconds: the tokens carry them. */
  sentAt: number;
  /** An earlier attempt with this Idempotency-Key made the message. */
  replayed: boolean;
}

interface Sender {
  workspaceId: string;
  userId: string;
}

/**
 * Registers a message, once per Idempotency-Key. `build` makes the row for a new id and time (the tracked HTML);
 * a repeat gets the first attempt's id and time back, from which the same tracked HTML follows (signing is
 * deterministic), so nothing but the key and a hash of the request is kept for it.
 */
export async function register(
  sql: Sql,
  sender: Sender,
  req: CreateMessage,
  key: string | undefined,
  now: number,
  build: (id: string, sentAt: number) => NewMessage,
): Promise<Registration> {
  const id = randomUUID();
  const sentAt = Math.floor(now / 1000) * 1000;
  const row = build(id, sentAt);
  if (!key) {
    await sql.begin((tx) => insertMessage(tx, row));
    return { id, sentAt, replayed: false };
  }
  const requestHash = hashRequest(req);
  const claimed = await sql.begin(async (tx) => {
    if (!(await claimKey(tx, { ...sender, key, messageId: id, requestHash }))) return false;
    await insertMessage(tx, row);
    return true;
  });
  if (claimed) return { id, sentAt, replayed: false };
  const earlier = await findKeyed(sql, sender.workspaceId, sender.userId, key);
  if (!earlier?.message) fail('conflict', 'this Idempotency-Key was withdrawn: register the message with a new key');
  if (earlier.requestHash !== requestHash) fail('conflict', 'this Idempotency-Key was used for another message: use a new key per message');
  return { id: earlier.message.id, sentAt: earlier.message.sentAt.getTime(), replayed: true };
}

/** The parsed request (defaults applied, keys in schema order), so equal requests hash alike however written. */
export function hashRequest(req: CreateMessage): string {
  return createHash('sha256').update(JSON.stringify(req)).digest('hex');
}
