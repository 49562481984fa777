import type { Sql } from '../db/connect.ts';
import { fail } from '../http/errors.ts';
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
 * Registers a message, once per Idempotency-Key. A repeat gets the first attempt's id and time back, from which the
 * same tracked HTML follows (signing is deterministic), so nothing but the key and a hash of the request is kept
 * for it. `requestHash`: of the parsed request (defaults applied, keys in schema order), so equal requests hash
 * alike however written.
 */
export async function register(
  sql: Sql,
  sender: Sender,
  requestHash: string,
  key: string | undefined,
  row: NewMessage,
  /** Checks what only a new message must pass (a scheduled time still to come): a repeat is answered regardless. */
  check: () => void = () => {},
): Promise<Registration> {
  const mine = { id: row.id, sentAt: row.sentAt.getTime(), replayed: false };
  if (!key) {
    check();
    await sql.begin((tx) => insertMessage(tx, row));
    return mine;
  }
  const claimed = await sql.begin(async (tx) => {
    if (!(await claimKey(tx, { ...sender, key, messageId: row.id, requestHash }))) return false;
    check(); // throwing rolls the claim back: the key stays free
    await insertMessage(tx, row);
    return true;
  });
  if (claimed) return mine;
  const earlier = await findKeyed(sql, sender.workspaceId, sender.userId, key);
  if (!earlier?.message) fail('conflict', 'this Idempotency-Key was withdrawn: register the message with a new key');
  if (earlier.requestHash !== requestHash) fail('conflict', 'this Idempotency-Key was used for another message: use a new key per message');
  return { id: earlier.message.id, sentAt: earlier.message.sentAt.getTime(), replayed: true };
}
