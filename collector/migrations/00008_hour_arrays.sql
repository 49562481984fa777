-- Hour counters move out of `rollups` too, into one row per scope, metric, dim and UTC day holding the day's 24
-- running totals (n[i]: hours 00:00 up to and including hour i), so the count of any run of hours is a difference
-- of two elements: a live report's totals, links, clients and per-sender rows then read one or two rows a dim
-- (yesterday's and today's) instead of up to 25 and send back one number a dim; a young scope's hourly chart reads
-- one row a day. The day rows of breakdowns (00006) are left as they are. (Idempotent, like 00007.)
create table if not exists rollup_hours (
  workspace_id uuid not null,
  scope text not null,
  scope_id uuid not null,
  metric text not null,
  day timestamptz not null,
  dim text not null default '',
  n bigint[] not null,
  primary key (workspace_id, scope, scope_id, metric, day, dim)
) with (fillfactor = 70);

insert into rollup_hours (workspace_id, scope, scope_id, metric, day, dim, n)
select workspace_id, scope, scope_id, metric, day, dim,
  (select array_agg(c order by g) from (
    select g, sum(coalesce(v.n, 0)) over (order by g)::bigint as c
    from generate_series(1, 24) g left join unnest(slots, ns) v (slot, n) on v.slot = g) running)
from (
  select workspace_id, scope, scope_id, metric, date_bin('1 day', bucket, 'epoch') as day, dim,
    array_agg(extract(hour from bucket at time zone 'UTC')::int + 1) as slots, array_agg(n) as ns
  from rollups where grain = 'hour'
  group by 1, 2, 3, 4, 5, 6
) r
on conflict (workspace_id, scope, scope_id, metric, day, dim) do update set n = add_counts(rollup_hours.n, excluded.n);

delete from rollups where grain = 'hour';
