-- sync_schedules (issue 12): when each connection and entity syncs on its own. One schedule per connection and entity:
-- an interval (every_seconds) or a cron expression read in a time zone, plus an optional full-scan cron. The scheduler
-- (src/SyncOps/Scheduling/) claims due rows with FOR UPDATE SKIP LOCKED and queues jobs in sync_jobs; next_run_at is
-- computed by it (cron needs Cronos), so a row added through the REST API has next_run_at null until the scheduler
-- plans it on its next pass.

-- The composite foreign key below needs a unique key on connections (org_id, id). Migration 0041 (Citus keys) makes
-- (id, org_id) the primary key, which serves; on a database without it, one is added here.
do $$
begin
    if not exists (
        select from pg_catalog.pg_constraint c
        where c.conrelid = 'public.connections'::regclass and c.contype in ('p', 'u')
          and (select array_agg(a.attname::text order by a.attname::text)
               from pg_catalog.pg_attribute a
               where a.attrelid = c.conrelid and a.attnum = any (c.conkey)) = array['id', 'org_id']) then
        alter table public.connections add constraint connections_org_id_id_key unique (org_id, id);
    end if;
end
$$;

create table public.sync_schedules (
    org_id text not null,
    id uuid not null default gen_random_uuid(),
    connection_id uuid not null,
    entity_type text not null,
    every_seconds integer,
    cron text,
    time_zone text not null default 'UTC',
    full_scan_cron text,
    -- Each schedule runs at a fixed offset in [0, jitter_seconds) after its tick, derived from its id, so that a
    -- thousand organisations scheduled at :00 are spread over that window instead of hitting the database at once.
    jitter_seconds integer not null default 30,
    paused boolean not null default false,
    next_run_at timestamptz,
    next_full_scan_at timestamptz,
    -- What the claim index orders by: unplanned rows (next_run_at null) are due at once.
    due_at timestamptz generated always as
        (least(coalesce(next_run_at, '-infinity'::timestamptz), next_full_scan_at)) stored,
    last_run_at timestamptz,
    last_job_id bigint,
    last_error text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint sync_schedules_pkey primary key (org_id, id),
    -- One schedule per connection and entity: two would only queue runs that the active-job index refuses.
    constraint sync_schedules_connection_entity_key unique (org_id, connection_id, entity_type),
    -- A member can only name a connection of the schedule's own organisation: the database refuses any other.
    constraint sync_schedules_connection_fkey foreign key (org_id, connection_id)
        references public.connections (org_id, id) on delete cascade,
    constraint sync_schedules_entity_check check (entity_type in ('customer', 'product', 'order')),
    constraint sync_schedules_rule_check check (num_nonnulls(every_seconds, cron) = 1),
    constraint sync_schedules_every_check check (every_seconds between 60 and 31 * 86400),
    constraint sync_schedules_cron_length check (length(cron) between 1 and 200 and length(full_scan_cron) between 1 and 200),
    constraint sync_schedules_time_zone_length check (length(time_zone) between 1 and 64),
    constraint sync_schedules_jitter_check check (jitter_seconds between 0 and 3600)
);

create index sync_schedules_due_idx on public.sync_schedules (due_at) where not paused;

-- A changed rule (through the REST API or psql) is planned afresh by the scheduler; updated_at follows every write.
create or replace function public.sync_schedules_before_update() returns trigger
language plpgsql
as $$
begin
    if (new.every_seconds, new.cron, new.time_zone, new.full_scan_cron, new.jitter_seconds)
       is distinct from (old.every_seconds, old.cron, old.time_zone, old.full_scan_cron, old.jitter_seconds)
       or (old.paused and not new.paused) then
        new.next_run_at := null;
        new.next_full_scan_at := null;
        new.last_error := null;
    end if;
    new.updated_at := now();
    return new;
end
$$;

create trigger sync_schedules_before_update before update on public.sync_schedules
    for each row execute function public.sync_schedules_before_update();

alter table public.sync_schedules enable row level security;

-- Per organisation like every tenant table. The membership function is syncops_auth.org_ids() where SyncOps may not
-- write to the auth schema (Supabase, migrations 0050-0059), else auth.org_ids().
do $$
declare
    member constant text := format('org_id = any ((select %s())::text[])',
        case when to_regprocedure('syncops_auth.org_ids()') is not null then 'syncops_auth.org_ids' else 'auth.org_ids' end);
begin
    execute format('create policy sync_schedules_member_read on public.sync_schedules for select to authenticated using (%s)', member);
    execute format('create policy sync_schedules_member_insert on public.sync_schedules for insert to authenticated with check (%s)', member);
    execute format('create policy sync_schedules_member_update on public.sync_schedules for update to authenticated using (%s) with check (%s)', member, member);
    execute format('create policy sync_schedules_member_delete on public.sync_schedules for delete to authenticated using (%s)', member);
end
$$;

-- Members define and pause schedules; what the scheduler computes (next runs, last run, errors) is read-only to them.
grant select, delete on public.sync_schedules to authenticated;
grant insert (org_id, connection_id, entity_type, every_seconds, cron, time_zone, full_scan_cron, jitter_seconds, paused)
    on public.sync_schedules to authenticated;
grant update (every_seconds, cron, time_zone, full_scan_cron, jitter_seconds, paused)
    on public.sync_schedules to authenticated;
grant all on public.sync_schedules to service_role;
