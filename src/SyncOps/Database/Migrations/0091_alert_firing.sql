-- Which alert rules hold right now, and for which subject: one row per (rule, subject) that should have an open
-- incident at the given time. The evaluator (src/SyncOps/Alerts/AlertLog.cs) opens an incident for each new row and
-- resolves every open incident that is no longer returned. Pure reads, so it can be run by hand to see why an alert
-- fired: select * from syncops_private.alert_firing(now());
--
-- A stream is a connection's entity (the engine tags its syncs with metadata.connection_id) or, for syncs tracked by
-- another worker through the guide's API, a source system's entity; its subject reads "<connection or source>/<entity>".
-- Cancelled syncs say nothing about health and are skipped; a running one counts once it ends. The evaluator passes its
-- own clock as "at"; only schedule rules compare times, with sync_jobs.finished_at and sync_schedules.created_at.
create or replace function syncops_private.alert_firing(at timestamptz)
returns table (org_id text, rule_id uuid, subject text, detail text)
language sql stable
set search_path = ''
as $$
    with finished as (
        select p.org_id, p.sync_id, p.entity_type, p.status, p.processed_count, p.failed_count, p.speed_items_per_min,
               p.error_message, p.metadata ->> 'connection_id' as connection_id,
               coalesce(p.metadata ->> 'connection_id', p.source_system) || '/' || p.entity_type as subject,
               row_number() over (
                   partition by p.org_id, coalesce(p.metadata ->> 'connection_id', p.source_system), p.entity_type
                   order by p.started_at desc, p.id desc) as recency
        from public.sync_progress p
        where p.status in ('completed', 'completed_with_errors', 'failed', 'timeout')
          and p.org_id in (select r.org_id from public.alert_rules r where r.condition <> 'schedule_not_succeeded')
    ),
    recent as (select * from finished where recency <= 101),
    latest as (
        select r.id as rule_id, r.condition, r.threshold, f.*
        from public.alert_rules r
        join recent f on f.org_id = r.org_id and f.recency = 1
         and (r.connection_id is null or f.connection_id = r.connection_id::text)
         and (r.entity_type is null or f.entity_type = r.entity_type)
        where r.condition <> 'schedule_not_succeeded'
    )
    select l.org_id, l.rule_id, l.subject, format('%s sync %s failed: %s', l.entity_type, l.sync_id, coalesce(l.error_message, 'no error message'))
    from latest l where l.condition = 'failed' and l.status = 'failed'
    union all
    select l.org_id, l.rule_id, l.subject,
           format('%s sync %s timed out: no progress or heartbeat (%s)', l.entity_type, l.sync_id, coalesce(l.error_message, 'stalled'))
    from latest l where l.condition = 'timeout' and l.status = 'timeout'
    union all
    select l.org_id, l.rule_id, l.subject,
           format('%s sync %s completed with %s of %s items failed (%s%%, above %s%%)', l.entity_type, l.sync_id,
                  l.failed_count, l.processed_count + l.failed_count,
                  round(l.failed_count * 100.0 / (l.processed_count + l.failed_count), 1), l.threshold)
    from latest l
    where l.condition = 'errors_above' and l.status = 'completed_with_errors' and l.processed_count + l.failed_count > 0
      and l.failed_count * 100.0 / (l.processed_count + l.failed_count) > l.threshold
    union all
    -- N in a row: the latest N finished syncs of the stream all failed or timed out (and there are N of them).
    select l.org_id, l.rule_id, l.subject,
           format('the last %s %s syncs failed; the latest, %s: %s', l.threshold, l.entity_type, l.sync_id,
                  coalesce(l.error_message, l.status))
    from latest l
    where l.condition = 'consecutive_failures'
      and (select count(*) from recent g
           where g.org_id = l.org_id and g.subject = l.subject and g.recency <= l.threshold
             and g.status in ('failed', 'timeout')) = l.threshold
    union all
    -- Slower than the baseline: the latest completed sync's speed is more than threshold % below the median speed of the
    -- (up to 20) completed syncs before it; at least 3 of them, so that one odd run does not make a baseline.
    select l.org_id, l.rule_id, l.subject,
           format('%s sync %s ran at %s items/min, %s%% below its baseline of %s items/min (median of the %s syncs before it)',
                  l.entity_type, l.sync_id, trim_scale(l.speed_items_per_min),
                  trim_scale(round((1 - l.speed_items_per_min / b.median) * 100, 1)), trim_scale(round(b.median, 1)), b.runs)
    from latest l
    cross join lateral (
        select percentile_cont(0.5) within group (order by g.speed_items_per_min)::numeric as median, count(*) as runs
        from (select g.speed_items_per_min from recent g
              where g.org_id = l.org_id and g.subject = l.subject and g.recency > 1
                and g.status in ('completed', 'completed_with_errors') and g.speed_items_per_min is not null
              order by g.recency limit 20) g) b
    where l.condition = 'slower_than_baseline' and l.status in ('completed', 'completed_with_errors')
      and b.runs >= 3 and b.median > 0 and l.speed_items_per_min < b.median * (100 - l.threshold) / 100
    union all
    -- A schedule (not paused) whose connection and entity had no completed job for after_seconds: since its last
    -- completed job, or since it was added when it never had one.
    select s.org_id, r.id, 'schedule/' || s.id,
           format('schedule %s (%s syncs of connection %s) has not succeeded since %s', s.id, s.entity_type, s.connection_id,
                  to_char(coalesce(done.last_success, s.created_at) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'))
    from public.alert_rules r
    join public.sync_schedules s on s.org_id = r.org_id
     and (r.schedule_id is null or s.id = r.schedule_id)
     and (r.connection_id is null or s.connection_id = r.connection_id)
     and (r.entity_type is null or s.entity_type = r.entity_type)
    cross join lateral (
        select max(j.finished_at) as last_success from public.sync_jobs j
        where j.org_id = s.org_id and j.connection_id = s.connection_id and j.entity_type = s.entity_type
          and j.status = 'completed') done
    where r.condition = 'schedule_not_succeeded' and not s.paused
      and coalesce(done.last_success, s.created_at) < alert_firing.at - make_interval(secs => r.after_seconds)
$$;

revoke all on function syncops_private.alert_firing(timestamptz) from public;
