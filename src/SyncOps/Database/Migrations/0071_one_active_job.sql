-- "Never two runs of the same connection and entity at once, across any number of serve processes" (issue 12): the
-- database decides. At most one job per (organisation, connection, entity) is queued or running; a second insert fails
-- with unique_violation (23505), which the scheduler reads as "a run is already on its way" and the REST API answers
-- with 409. The engine's advisory lease (SyncLease) still guards the run itself.

-- Existing duplicates (queued twice before this migration) keep the oldest; the others end cancelled, saying why.
update public.sync_jobs j
set status = 'cancelled', finished_at = now(),
    error_message = 'cancelled by migration 0071: job ' || first.id || ' was already queued for this connection and entity'
from (select org_id, connection_id, entity_type, min(id) as id
      from public.sync_jobs where status in ('queued', 'running')
      group by org_id, connection_id, entity_type having count(*) > 1) first
where j.status in ('queued', 'running') and j.org_id = first.org_id and j.connection_id = first.connection_id
  and j.entity_type = first.entity_type and j.id <> first.id;

create unique index sync_jobs_one_active_idx on public.sync_jobs (org_id, connection_id, entity_type)
    where status in ('queued', 'running');

-- A job left 'running' by a worker that died would hold the index above forever. The engine holds a session advisory
-- lock (SyncLease: hashtextextended('syncops.sync|org|connection|entity', 0)) for the whole run; a running job older
-- than stale_after whose lock nobody holds lost its worker. It is queued again (the run resumes from its checkpoint)
-- until max_attempts, then ends failed. pg_locks shows a bigint advisory key as classid (high 32 bits) and objid
-- (low 32 bits) with objsubid 1.
create or replace function public.take_over_orphaned_jobs(stale_after interval, max_attempts integer default 5)
returns setof public.sync_jobs
language sql
as $$
    with orphaned as (
        select j.id
        from public.sync_jobs j
        cross join lateral (select hashtextextended(
            'syncops.sync|' || j.org_id || '|' || j.connection_id::text || '|' || j.entity_type, 0) as key) k
        where j.status = 'running'
          and j.started_at < now() - stale_after
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

revoke all on function public.take_over_orphaned_jobs(interval, integer) from public;
grant execute on function public.take_over_orphaned_jobs(interval, integer) to service_role;
