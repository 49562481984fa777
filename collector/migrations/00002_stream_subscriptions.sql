-- Which workspaces have a live stream open on some collector: the writer sends NOTIFY only for their events, so
-- the fan-out costs nothing while nobody watches. Rows expire unless the collector holding the stream renews them.
create table stream_subscriptions (
  workspace_id uuid not null,
  instance_id text not null,
  expires_at timestamptz not null,
  primary key (workspace_id, instance_id)
);
