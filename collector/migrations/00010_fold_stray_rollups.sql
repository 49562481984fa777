-- During a rolling upgrade a collector from before 00007/00008 may still write minute and hour rows into `rollups`,
-- where no report reads them any more. Housekeeping calls fold_stray_rollups() to move them into the arrays. Each
-- move is one statement (delete ... returning, then insert), so a row the old collector adds meanwhile is simply
-- moved next time.

-- The array of `size` counters holding ns[k] at slot slots[k] (1-based), as running totals if `running`.
create or replace function count_array(slots int[], ns bigint[], size int, running boolean) returns bigint[]
  language sql immutable parallel safe
  as $$
    select array_agg(c order by g) from (
      select g, (case when running then sum(coalesce(v.n, 0)) over (order by g) else coalesce(v.n, 0) end)::bigint as c
      from generate_series(1, size) g left join unnest(slots, ns) v (slot, n) on v.slot = g) s
  $$;

create or replace function fold_stray_rollups() returns void language sql as $$
  with moved as (delete from rollups where grain = 'minute' returning *)
  insert into rollup_minutes (workspace_id, scope, scope_id, metric, hour, n)
  select workspace_id, scope, scope_id, metric, date_bin('1 hour', bucket, 'epoch'),
    count_array(array_agg(extract(minute from bucket at time zone 'UTC')::int + 1), array_agg(n), 60, false)
  from moved
  group by 1, 2, 3, 4, 5
  on conflict (workspace_id, scope, scope_id, metric, hour) do update set n = add_counts(rollup_minutes.n, excluded.n);

  with moved as (delete from rollups where grain = 'hour' returning *)
  insert into rollup_hours (workspace_id, scope, scope_id, metric, day, dim, n)
  select workspace_id, scope, scope_id, metric, date_bin('1 day', bucket, 'epoch'), dim,
    count_array(array_agg(extract(hour from bucket at time zone 'UTC')::int + 1), array_agg(n), 24, true)
  from moved
  group by 1, 2, 3, 4, 5, 6
  on conflict (workspace_id, scope, scope_id, metric, day, dim) do update set n = add_counts(rollup_hours.n, excluded.n);
$$;
