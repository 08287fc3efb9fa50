-- Ready to shard by organisation (docs/scale-out.md): Citus distributes a table by one column and requires it in every
-- primary key and unique constraint of the table, and in both sides of a foreign key between two distributed tables.
-- Every tenant table is distributed by org_id, so the keys that lacked it get it here. Organisations and membership
-- stay keyed as they were: they become reference tables (a copy on every node), which need no distribution column.
--
-- org_id is appended rather than put first: a key (id, org_id) still serves the single-database lookups by id alone
-- (the worker finishing a job, a connection by id) from the primary key's index, and Citus only needs the column in
-- the key, not its position. Nothing changes for clients: ids stay unique (identity and gen_random_uuid()), and the
-- guide's upserts and the REST API's on_conflict targets, (org_id, sync_id) and the canonical tables' keys, already
-- include org_id. Idempotent: each step checks the catalog first.

-- Replaces the primary key of a table when its columns differ from the given ones (same constraint name).
create or replace function syncops_private.ensure_primary_key(target regclass, variadic key_columns text[])
returns boolean
language plpgsql
set search_path = ''
as $$
declare
    current_name text;
    current_columns text[];
begin
    select c.conname, array(select a.attname::text
                            from unnest(c.conkey) with ordinality k(attnum, position)
                            join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
                            order by k.position)
    into current_name, current_columns
    from pg_catalog.pg_constraint c
    where c.conrelid = target and c.contype = 'p';

    if current_columns = key_columns then
        return false;
    end if;
    current_name := coalesce(current_name,
        (select c.relname from pg_catalog.pg_class c where c.oid = target) || '_pkey');
    execute format('alter table %s drop constraint if exists %I, add constraint %I primary key (%s)',
                   target, current_name, current_name,
                   (select string_agg(format('%I', column_name), ', ') from unnest(key_columns) column_name));
    return true;
end
$$;

revoke all on function syncops_private.ensure_primary_key(regclass, text[]) from public;

-- The engine's tables pointed at connections (id); they now point at (org_id, id), so a checkpoint or a job can only
-- refer to a connection of its own organisation (the code already wrote them so) and each row's shard holds its
-- connection. The old foreign keys go first: they depend on the primary key being replaced.
alter table public.sync_checkpoints drop constraint if exists sync_checkpoints_connection_id_fkey;
alter table public.sync_jobs drop constraint if exists sync_jobs_connection_id_fkey;

select syncops_private.ensure_primary_key('public.connections', 'id', 'org_id');
select syncops_private.ensure_primary_key('public.sync_progress', 'id', 'org_id');
select syncops_private.ensure_primary_key('public.sync_preview_cache', 'id', 'org_id');
select syncops_private.ensure_primary_key('public.sync_jobs', 'id', 'org_id');
-- Partitioned by created_at, which therefore stays in the key; the partitions follow their parent's key.
select syncops_private.ensure_primary_key('public.sync_activity_log', 'id', 'created_at', 'org_id');

do $$
begin
    if not exists (select from pg_catalog.pg_constraint
                   where conrelid = 'public.sync_checkpoints'::regclass and conname = 'sync_checkpoints_connection_fkey') then
        alter table public.sync_checkpoints add constraint sync_checkpoints_connection_fkey
            foreign key (org_id, connection_id) references public.connections (org_id, id) on delete cascade;
    end if;
    if not exists (select from pg_catalog.pg_constraint
                   where conrelid = 'public.sync_jobs'::regclass and conname = 'sync_jobs_connection_fkey') then
        alter table public.sync_jobs add constraint sync_jobs_connection_fkey
            foreign key (org_id, connection_id) references public.connections (org_id, id) on delete cascade;
    end if;
end
$$;
