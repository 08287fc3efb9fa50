-- SYNCOPS_STALE_AFTER overridable per connection (issue 12): a store known to be slow between pages (a large Odoo
-- export) gets a longer allowance, a fast one a shorter, without changing every other organisation's. Null: the
-- process-wide value passed to the sweep. Both sweeps read it: the stalled-sync timeout (through the run's
-- metadata.connection_id, which the engine writes) and the take-over of jobs whose worker died.
alter table public.connections add column stale_after interval,
    add constraint connections_stale_after_check check (stale_after between interval '10 seconds' and interval '7 days');

grant select (stale_after) on public.connections to authenticated;

create or replace function public.timeout_stale_syncs(stale_after interval default interval '15 minutes')
returns setof public.sync_progress
language sql
as $$
    update public.sync_progress p
    set status = 'timeout',
        error_message = coalesce(p.error_message, 'no progress report or heartbeat for ' || justify_interval(coalesce(
            (select c.stale_after from public.connections c
             where c.org_id = p.org_id and c.id::text = p.metadata ->> 'connection_id'),
            timeout_stale_syncs.stale_after))::text)
    where p.status = 'running'
      -- metadata is free text to a client: compared as text, so a malformed connection_id matches no connection.
      and coalesce(greatest(p.last_progress_at, p.heartbeat_at), p.started_at) < now() - coalesce(
          (select c.stale_after from public.connections c
           where c.org_id = p.org_id and c.id::text = p.metadata ->> 'connection_id'),
          timeout_stale_syncs.stale_after)
    returning p.*
$$;

create or replace function public.take_over_orphaned_jobs(stale_after interval, max_attempts integer default 5)
returns setof public.sync_jobs
language sql
as $$
    with orphaned as (
        select j.id
        from public.sync_jobs j
        left join public.connections c on c.org_id = j.org_id and c.id = j.connection_id
        cross join lateral (select hashtextextended(
            'syncops.sync|' || j.org_id || '|' || j.connection_id::text || '|' || j.entity_type, 0) as key) k
        where j.status = 'running'
          and j.started_at < now() - coalesce(c.stale_after, take_over_orphaned_jobs.stale_after)
          and not exists (
              select from pg_catalog.pg_locks l
              where l.locktype = 'advisory' and l.granted and l.objsubid = 1
                and l.classid::bigint = ((k.key >> 32) & 4294967295)
                and l.objid::bigint = (k.key & 4294967295))
        for update of j skip locked
    )
    update public.sync_jobs j
    set status = case when j.attempts < max_attempts then 'queued' else 'failed' end,
        finished_at = case when j.attempts < max_attempts then null else now() end,
        error_message = case when j.attempts < max_attempts
            then 'taken over after attempt ' || j.attempts || ': its worker stopped'
            else 'failed after ' || j.attempts || ' attempts: its worker stopped each time' end
    from orphaned
    where j.id = orphaned.id
    returning j.*
$$;
