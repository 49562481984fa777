-- Breakdowns (links, clients, exclusions) are now also kept by day: a live report reads today's day row and
-- yesterday's hours (or yesterday's day row less its hours before the window) instead of 25 hour rows a dim.
-- The writer adds them from now on; here they are rebuilt from the hour rows for the days those still cover whole
-- (hours are kept 8 days). Older days keep only their hour-less totals, which no report reads by day.
insert into rollups (workspace_id, scope, scope_id, grain, bucket, metric, dim, n)
select workspace_id, scope, scope_id, 'day', date_bin('1 day', bucket, 'epoch'), metric, dim, sum(n)
from rollups
where grain = 'hour' and metric in ('link', 'ulink', 'client', 'excluded')
  and bucket >= date_bin('1 day', now() - interval '7 days', 'epoch')
group by workspace_id, scope, scope_id, date_bin('1 day', bucket, 'epoch'), metric, dim
on conflict (workspace_id, scope, scope_id, grain, bucket, metric, dim) do update set n = excluded.n;

-- Day rows now hold breakdowns too, thousands of dims a scope: a global report's daily chart (metric '' rows) must
-- not read them, so day rows join the index that puts the metric before the bucket.
drop index rollups_recent;
create index rollups_recent on rollups (workspace_id, scope, scope_id, grain, metric, bucket, dim) include (n)
  where grain in ('minute', 'hour', 'day');
