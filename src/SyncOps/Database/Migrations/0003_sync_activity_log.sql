-- sync_activity_log: the audit trail, partitioned by month on created_at (partitions sync_activity_log_YYYY_MM).
-- The guide admits its partitions "may not be auto-created"; here a default partition catches any date, partitions
-- are created ahead by migrate and maintenance, and rows that landed in the default move into their month's partition
-- when it is created.

create table public.sync_activity_log (
    id bigint generated always as identity,
    org_id text not null,
    sync_id text,
    entity_type text,
    source_system text,
    action text not null default 'note',
    status text,
    record_count integer,
    failed_count integer,
    error_message text,
    external_id text,
    user_id uuid,
    duration_seconds numeric(14, 3),
    details jsonb,
    created_at timestamptz not null default now(),
    primary key (id, created_at)
) partition by range (created_at);

create table public.sync_activity_log_default partition of public.sync_activity_log default;

create index sync_activity_log_org_time_idx on public.sync_activity_log (org_id, created_at desc);
create index sync_activity_log_org_status_time_idx on public.sync_activity_log (org_id, status, created_at desc);
create index sync_activity_log_org_user_time_idx on public.sync_activity_log (org_id, user_id, created_at desc);
create index sync_activity_log_org_sync_idx on public.sync_activity_log (org_id, sync_id);
-- A user belongs to one organisation, but the planner multiplies the two equalities' selectivities and expects one row
-- per partition for getUserActivity, so it reads and sorts all of the user's rows instead of merging the partitions'
-- index order and stopping at the limit. Partitions copy these statistics (LIKE ... INCLUDING STATISTICS below).
create statistics sync_activity_log_org_user_stats (dependencies) on org_id, user_id from public.sync_activity_log;

-- Creates the partition of the month holding for_month when it does not exist yet, moving any rows of that month out
-- of the default partition first (PostgreSQL refuses to attach a partition whose rows sit in the default).
-- Returns the partition's name when it was created, null when it already existed.
create or replace function public.ensure_activity_log_partition(for_month date) returns text
language plpgsql
as $$
declare
    month_start constant date := date_trunc('month', for_month)::date;
    -- Months are UTC months whatever the session's time zone, so boundaries never depend on who ran maintenance.
    lower_bound constant timestamptz := month_start::timestamp at time zone 'UTC';
    upper_bound constant timestamptz := (month_start + interval '1 month')::timestamp at time zone 'UTC';
    partition_name constant text := 'sync_activity_log_' || to_char(month_start, 'YYYY_MM');
begin
    if to_regclass('public.' || partition_name) is not null then
        return null;
    end if;
    -- Serialise partition creation: maintenance runs in several processes may race.
    perform pg_advisory_xact_lock(hashtext('syncops.activity_log_partition'));
    if to_regclass('public.' || partition_name) is not null then
        return null;
    end if;

    execute format('create table public.%I (like public.sync_activity_log including defaults including constraints including statistics)',
                   partition_name);
    execute format(
        'with moved as (delete from public.sync_activity_log_default where created_at >= %L and created_at < %L returning *)
         insert into public.%I select * from moved',
        lower_bound, upper_bound, partition_name);
    execute format('alter table public.sync_activity_log attach partition public.%I for values from (%L) to (%L)',
                   partition_name, lower_bound, upper_bound);
    -- Reading a partition directly would bypass the parent's policies: only through the parent.
    execute format('alter table public.%I enable row level security', partition_name);
    execute format('revoke all on public.%I from public, anon, authenticated', partition_name);
    return partition_name;
end
$$;

-- Partitions from months_back before the current month to months_ahead after it. Returns the ones it created.
create or replace function public.ensure_activity_log_partitions(months_back integer default 1, months_ahead integer default 3)
returns setof text
language plpgsql
as $$
declare
    offset_months integer;
    created text;
begin
    for offset_months in -months_back .. months_ahead loop
        created := public.ensure_activity_log_partition(
            (date_trunc('month', now() at time zone 'UTC') + make_interval(months => offset_months))::date);
        if created is not null then
            return next created;
        end if;
    end loop;
end
$$;

-- Drops whole monthly partitions that ended more than retention_months ago. Returns the names dropped.
create or replace function public.drop_expired_activity_log_partitions(retention_months integer default 12)
returns setof text
language plpgsql
as $$
declare
    cutoff constant date := (date_trunc('month', now() at time zone 'UTC') - make_interval(months => retention_months))::date;
    partition record;
begin
    if retention_months < 1 then
        raise exception 'retention must be at least one month, not %', retention_months using errcode = '22023';
    end if;
    for partition in
        select c.relname
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'public.sync_activity_log'::regclass
          and c.relname ~ '^sync_activity_log_\d{4}_\d{2}$'
          and to_date(substring(c.relname from '\d{4}_\d{2}$'), 'YYYY_MM') + interval '1 month' <= cutoff
        order by c.relname
    loop
        execute format('drop table public.%I', partition.relname);
        return next partition.relname;
    end loop;
end
$$;

select public.ensure_activity_log_partitions(1, 3);

alter table public.sync_activity_log enable row level security;
alter table public.sync_activity_log_default enable row level security;

create policy sync_activity_log_member_read on public.sync_activity_log
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

-- Members may append (the guide logs item errors itself); the audit trail is never edited or deleted by members.
create policy sync_activity_log_member_append on public.sync_activity_log
    for insert to authenticated
    with check (org_id = any ((select syncops_auth.org_ids())::text[]));

grant select, insert, update, delete on public.sync_activity_log to anon, authenticated, service_role;
revoke all on public.sync_activity_log_default from public, anon, authenticated;

-- Exactly one log row when a sync ends, whichever way it ends (the guide: "Trigger automatically logs completion").
-- SECURITY DEFINER: the log is written even when the writer may not insert into it directly.
create or replace function public.sync_progress_log_completion() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
    if new.status <> 'running' and (tg_op = 'INSERT' or old.status = 'running') then
        insert into public.sync_activity_log (
            org_id, sync_id, entity_type, source_system, action, status, record_count, failed_count,
            error_message, user_id, duration_seconds, details, created_at)
        values (
            new.org_id, new.sync_id, new.entity_type, new.source_system,
            case new.status
                when 'completed' then 'sync_completed'
                when 'completed_with_errors' then 'sync_completed'
                when 'failed' then 'sync_failed'
                when 'cancelled' then 'sync_cancelled'
                else 'sync_timeout' end,
            new.status, new.processed_count, new.failed_count, new.error_message, new.initiated_by,
            round(extract(epoch from new.completed_at - new.started_at)::numeric, 3),
            jsonb_build_object('total_items', new.total_items, 'speed_items_per_min', new.speed_items_per_min),
            new.completed_at);
    end if;
    return null;
end
$$;

-- Two triggers with WHEN clauses, so that ordinary progress updates never call the function. (Not "update of
-- status": the status usually changes in the BEFORE trigger, which "update of" does not see.)
create trigger sync_progress_log_completion_on_insert
    after insert on public.sync_progress
    for each row when (new.status <> 'running')
    execute function public.sync_progress_log_completion();
create trigger sync_progress_log_completion_on_update
    after update on public.sync_progress
    for each row when (old.status = 'running' and new.status <> 'running')
    execute function public.sync_progress_log_completion();

alter table public.sync_progress enable row level security;

create policy sync_progress_member_read on public.sync_progress
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_progress_member_insert on public.sync_progress
    for insert to authenticated
    with check (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_progress_member_update on public.sync_progress
    for update to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]))
    with check (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_progress_member_delete on public.sync_progress
    for delete to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

grant select, insert, update, delete on public.sync_progress to anon, authenticated, service_role;
