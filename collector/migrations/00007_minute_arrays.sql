-- Minute counters move out of `rollups` into one row per scope, metric and hour holding the hour's 60 minutes:
-- a live chart then reads 24-25 rows a metric instead of up to 1,440 index entries, so its cost no longer grows
-- with how busy the day was. n[1] is minute :00. Nothing indexes n, so the writer's updates can be HOT.
-- (Idempotent, so an upgrade test can apply it again.)
-- add_counts: element-wise sum of two count arrays of the same length (the writer's upsert).
create or replace function add_counts(a bigint[], b bigint[]) returns bigint[]
  language sql immutable parallel safe
  as $$ select array_agg(x + y order by i) from unnest(a, b) with ordinality u (x, y, i) $$;

create table if not exists rollup_minutes (
  workspace_id uuid not null,
  scope text not null,
  scope_id uuid not null,
  metric text not null,
  hour timestamptz not null,
  n bigint[] not null,
  primary key (workspace_id, scope, scope_id, metric, hour)
) with (fillfactor = 70);

insert into rollup_minutes (workspace_id, scope, scope_id, metric, hour, n)
select workspace_id, scope, scope_id, metric, hour,
  (select array_agg(coalesce(v.n, 0) order by g) from generate_series(1, 60) g left join unnest(slots, ns) v (slot, n) on v.slot = g)
from (
  select workspace_id, scope, scope_id, metric, date_bin('1 hour', bucket, 'epoch') as hour,
    array_agg(extract(minute from bucket at time zone 'UTC')::int + 1) as slots, array_agg(n) as ns
  from rollups where grain = 'minute'
  group by 1, 2, 3, 4, 5
) r
on conflict (workspace_id, scope, scope_id, metric, hour) do update set n = add_counts(rollup_minutes.n, excluded.n);

delete from rollups where grain = 'minute';
