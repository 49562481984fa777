-- Reports read their counters from the index alone, so their cost follows the rows they need, not the table:
-- the writer creates rollup rows minute by minute across all scopes, so one scope's rows lie one to a heap page.
-- (n in an index rules out HOT updates of the counters: each upsert also writes its index entries.)

-- Live reports, per-sender rows and young scopes' hourly series: one scope, a few metrics, a bucket range.
-- Metric before bucket, so each metric is one contiguous range rather than a filter over every metric's rows.
create index rollups_recent on rollups (workspace_id, scope, scope_id, grain, metric, bucket, dim) include (n)
  where grain in ('minute', 'hour');

-- Managers' per-sender rows are now read per sender (rollups_recent by the hour, the primary key in total): this
-- index made them read and discard every sender's breakdowns (links, clients, exclusions).
drop index rollups_senders;
