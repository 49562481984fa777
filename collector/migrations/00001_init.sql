-- Beacon's schema. Citus-ready: every table holding a workspace's data has workspace_id first in its primary key
-- and no foreign key crosses workspaces; events and rollups keep counting when a user or message is deleted.
-- From here on, migrations are append-only: a change is a new numbered file, never an edit of one applied.

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
  audience_size integer, -- an ESP campaign's list size, when the sender knows it: rates are shown only then
  primary key (workspace_id, id)
);
create index messages_by_sender on messages (workspace_id, user_id, sent_at desc, id desc);
create index messages_by_time on messages (workspace_id, sent_at desc, id desc);
create index messages_mirror_expiry on messages (sent_at) where html is not null;

-- The Idempotency-Key of each registration (POST /api/messages): a client that never saw the answer (a cut
-- connection, a collector stopped right after the commit) sends the request again, and gets the message the first
-- attempt made instead of a second, never-sent one inflating `sent`. The primary key, not a read, settles racing
-- attempts. Keys belong to their sender.
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
-- Keys only matter while a client may still retry (seconds; the extension gives up after 7 days): housekeeping
-- deletes them after 30 days, by this index.
create index message_keys_created on message_keys (created_at);

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

-- First time a recipient did something to a message (kind: open, click, optout, unsubscribe, link:<index>;
-- opened = the message's first open).
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

-- Which workspaces have a live stream open on some collector: the writer sends NOTIFY only for their events, so
-- the fan-out costs nothing while nobody watches. Rows expire unless the collector holding the stream renews them.
create table stream_subscriptions (
  workspace_id uuid not null,
  instance_id text not null,
  expires_at timestamptz not null,
  primary key (workspace_id, instance_id)
);

-- The rollups: counters kept as events are written, so reports never read events (collector/src/rollups/).
-- Scope 'w' (workspace), 'u' (user), 'm' (message); metric e.g. opens, uopens, clicks, link (dim = url), client,
-- excluded (dim = reason).

-- All-time (grain 'total', bucket = epoch) and daily ('day') counters, a row each.
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
-- Reports read their counters from the index alone, so their cost follows the rows they need, not the table: a
-- global report's daily chart reads one scope, a metric, a bucket range. Metric before bucket, so each metric is one
-- contiguous range rather than a filter over every metric's rows. (n in an index rules out HOT updates of the
-- counters: each upsert also writes its index entries.)
create index rollups_recent on rollups (workspace_id, scope, scope_id, grain, metric, bucket, dim) include (n)
  where grain = 'day';

-- add_counts: element-wise sum of two count arrays of the same length (the writer's upsert of the arrays below).
create function add_counts(a bigint[], b bigint[]) returns bigint[]
  language sql immutable parallel safe
  as $$ select array_agg(x + y order by i) from unnest(a, b) with ordinality u (x, y, i) $$;

-- Minutes: one row per scope, metric and hour holding the hour's 60 minutes (n[1] is minute :00), kept 2 days: a
-- live chart reads 24-25 rows a metric, however busy the day was. Nothing indexes n, so the writer's updates can be HOT.
create table rollup_minutes (
  workspace_id uuid not null,
  scope text not null,
  scope_id uuid not null,
  metric text not null,
  hour timestamptz not null,
  n bigint[] not null,
  primary key (workspace_id, scope, scope_id, metric, hour)
) with (fillfactor = 70);

-- Hours: one row per scope, metric, dim and UTC day holding the day's 24 running totals (n[i]: hours 00:00 up to and
-- including hour i), kept 8 days, so the count of any run of hours is a difference of two elements: a live report's
-- totals, links, clients and per-sender rows read one or two rows a dim; a young scope's hourly chart one row a day.
create table rollup_hours (
  workspace_id uuid not null,
  scope text not null,
  scope_id uuid not null,
  metric text not null,
  day timestamptz not null,
  dim text not null default '',
  n bigint[] not null,
  primary key (workspace_id, scope, scope_id, metric, day, dim)
) with (fillfactor = 70);
