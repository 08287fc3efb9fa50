-- The guide's "Common Queries" as functions (exposed through /rest/v1/rpc and the CLI), and the maintenance steps.
-- All SECURITY INVOKER: row-level security decides what a caller sees.

-- "Find Slow Syncs", as the guide writes it, for one organisation; p_days optionally keeps recent syncs only.
create or replace function public.report_slow_syncs(
    p_org_id text, p_max_speed numeric default 10, p_days integer default null)
returns table (
    sync_id text, entity_type text, source_system text, status text, processed_count integer,
    speed_items_per_min numeric, elapsed_seconds integer, seconds_per_item numeric)
language sql stable
as $$
    select sync_id, entity_type, source_system, status, processed_count, speed_items_per_min, elapsed_seconds,
           round(elapsed_seconds::numeric / nullif(processed_count, 0), 3) as seconds_per_item
    from public.sync_progress
    where org_id = p_org_id
      and speed_items_per_min > 0
      and speed_items_per_min < p_max_speed
      and (p_days is null or started_at > now() - make_interval(days => p_days))
    order by speed_items_per_min asc
$$;

-- "Find Failed Syncs", corrected: the guide orders by sal.created_at, which it does not group by, so PostgreSQL
-- rejects it (42803). Ordering by the newest row of each group is what it meant.
create or replace function public.report_failed_syncs(p_org_id text, p_days integer default 30)
returns table (
    sync_id text, entity_type text, status text, error_count bigint, error_message text, last_seen_at timestamptz)
language sql stable
as $$
    select sal.sync_id, sal.entity_type, sal.status, count(*) as error_count, sal.error_message,
           max(sal.created_at) as last_seen_at
    from public.sync_activity_log sal
    where sal.org_id = p_org_id
      and sal.status in ('failed', 'completed_with_errors', 'timeout')
      and sal.created_at > now() - make_interval(days => p_days)
    group by sal.sync_id, sal.entity_type, sal.status, sal.error_message
    order by max(sal.created_at) desc
$$;

-- "Sync Duration Trends", as the guide writes it.
create or replace function public.report_sync_duration_trends(p_org_id text, p_days integer default 30)
returns table (
    entity_type text, sync_count bigint, avg_duration_sec numeric, max_duration_sec numeric, total_records bigint)
language sql stable
as $$
    select entity_type, count(*) as sync_count, round(avg(duration_seconds), 3) as avg_duration_sec,
           max(duration_seconds) as max_duration_sec, sum(record_count) as total_records
    from public.sync_activity_log
    where org_id = p_org_id
      and created_at > now() - make_interval(days => p_days)
      and status in ('completed', 'completed_with_errors')
      and action = 'sync_completed'
    group by entity_type
    order by entity_type
$$;

-- A sync that stopped reporting is not "running" forever: it ends as 'timeout' (and the completion trigger logs it).
create or replace function public.timeout_stale_syncs(stale_after interval default interval '15 minutes')
returns setof public.sync_progress
language sql
as $$
    update public.sync_progress
    set status = 'timeout',
        error_message = coalesce(error_message,
            'no progress report or heartbeat for ' || justify_interval(stale_after)::text)
    where status = 'running'
      and updated_at < now() - stale_after
    returning *
$$;

revoke all on function public.timeout_stale_syncs(interval) from public;
grant execute on function public.timeout_stale_syncs(interval) to service_role;
revoke all on function public.ensure_activity_log_partition(date) from public;
revoke all on function public.ensure_activity_log_partitions(integer, integer) from public;
revoke all on function public.drop_expired_activity_log_partitions(integer) from public;
grant execute on function public.report_slow_syncs(text, numeric, integer) to authenticated, service_role;
grant execute on function public.report_failed_syncs(text, integer) to authenticated, service_role;
grant execute on function public.report_sync_duration_trends(text, integer) to authenticated, service_role;
