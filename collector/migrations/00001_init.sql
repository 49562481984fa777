-- Beacon's schema. Citus-ready: every table holding a workspace's data has workspace_id first in its primary key
-- and no foreign key crosses workspaces; events and rollups keep counting when a user or message is deleted.

create table workspaces (
  id uuid primary key,
  name text not null,
  created_at timestamptz not null default now()
);
create unique index workspaces_name_key on workspaces (lower(name));

create table users (
  id uuid primary key,
  workspace_id uuid not null references workspaces (id) on delete cascade,
  email text not null, -- stored lowercased
  role text not null check (role in ('rep', 'manager', 'admin')),
  created_at timestamptz not null default now(),
  unique (workspace_id, email)
);

create table api_tokens (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  workspace_id uuid not null,
  token_hash bytea not null unique, -- sha256 of the token; the token itself is shown once
  label text not null default '',
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create table messages (
  workspace_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  subject text not null,
  recipients jsonb not null,
  source text not null,
  track_opens boolean not null,
  track_clicks boolean not null,
  links jsonb not null,
  html text, -- the message as sent, for the mirror page; cleared after the retention period
  sender_ip text, -- who registered it, to recognise the sender's own opens
  sender_ua text,
  sent_at timestamptz not null,
  primary key (workspace_id, id)
);
create index messages_by_sender on messages (workspace_id, user_id, sent_at desc, id desc);
create index messages_by_time on messages (workspace_id, sent_at desc, id desc);
create index messages_mirror_expiry on messages (sent_at) where html is not null;

-- Raw hits, written in batches from the spool; replays are absorbed by the primary key. Reports never read it.
-- Only what the hit itself says is kept (the sender, link URL and client follow from the message and the user agent).
-- Monthly partitions are created ahead by the collector; the default partition catches anything else.
create table events (
  workspace_id uuid not null,
  id uuid not null, -- UUIDv7: time-ordered, so the index grows at its right edge
  at timestamptz not null,
  message_id uuid not null,
  kind text not null,
  link_index integer,
  recipient_index integer,
  recipient text, -- the address, when the hit itself named it (unsubscribe form, an ESP merge-tag value)
  classification text not null,
  reason text not null,
  ip text, -- truncated to /24 or /48
  user_agent text,
  primary key (workspace_id, id, at)
) partition by range (at);
create table events_default partition of events default;

-- Counters kept as events are written: scope 'w' (workspace), 'u' (user), 'm' (message); grain 'minute', 'hour',
-- 'day' or 'total' (bucket = epoch); metric e.g. opens, uopens, clicks, link (dim = url), client, excluded (dim = reason).
create table rollups (
  workspace_id uuid not null,
  scope text not null,
  scope_id uuid not null,
  grain text not null,
  bucket timestamptz not null,
  metric text not null,
  dim text not null default '',
  n bigint not null,
  primary key (workspace_id, scope, scope_id, grain, bucket, metric, dim)
);
-- Managers' per-sender breakdown reads every sender of a workspace at one grain.
create index rollups_senders on rollups (workspace_id, grain, bucket) where scope = 'u';
-- Minute buckets serve the live report only (kept 2 days), hour buckets the live breakdowns and young
-- scopes' hourly series (kept 8 days): pruned by time.
create index rollups_short_lived on rollups (grain, bucket) where grain in ('minute', 'hour');

-- First time a recipient did something to a message (kind: open, click, link:<index>, opened = the message's first open).
create table uniques (
  workspace_id uuid not null,
  message_id uuid not null,
  kind text not null,
  recipient_key text not null,
  at timestamptz not null,
  primary key (workspace_id, message_id, kind, recipient_key)
);

create table suppressions (
  workspace_id uuid not null,
  email text not null, -- lowercased
  at timestamptz not null,
  message_id uuid,
  primary key (workspace_id, email)
);
