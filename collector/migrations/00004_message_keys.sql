-- The Idempotency-Key of each registration (POST /api/messages): a client that never saw the answer (a cut
-- connection, a collector stopped right after the commit) sends the request again, and gets the message the first
-- attempt made instead of a second, never-sent one inflating `sent`. The primary key, not a read, settles racing
-- attempts. Keys belong to their sender; workspace_id first, as every table of a workspace's data (Citus).
create table message_keys (
  workspace_id uuid not null,
  user_id uuid not null,
  key uuid not null,
  -- The message this key registered; null when the key was withdrawn before any registration with it arrived,
  -- so that a late one registers nothing. A withdrawn message's row stays, pointing at nothing, for the same reason.
  message_id uuid,
  request_hash text, -- sha256 of the parsed request: the same key with another body is refused
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id, key)
);
