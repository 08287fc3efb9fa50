-- One way to write the per-organisation row-level security of a tenant table. Migrations 0001-0022 wrote the same
-- policy out by hand twenty times; this one re-creates every one of them through the helper below, with the same
-- commands, role and expressions (only three odd names become the standard <table>_member_<command>), and new tables
-- call the helper instead of copying the text. docs/schema.sql shows each table's policies next to the table.

-- Makes the member policies of a table with an org_id column exactly the given commands: a member of an organisation
-- (auth.org_ids(): the home organisation and the memberships) may run them on that organisation's rows, nobody else
-- may (service_role bypasses row-level security). insert_check is ANDed into the insert policy, for tables where
-- members may only create rows in some state. Idempotent: it drops and re-creates, and drops the standard policies of
-- commands no longer listed.
create or replace function syncops_private.create_org_policies(
    target regclass,
    commands text[] default array['select', 'insert', 'update', 'delete'],
    insert_check text default null)
returns void
language plpgsql
set search_path = ''
as $$
declare
    -- The expression every policy uses; (select ...) so that org_ids() runs once per statement, not per row. The
    -- function lives in syncops_auth where SyncOps may not write to auth (Supabase, docs/supabase.md), else in auth.
    member constant text := format('org_id = any ((select %s())::text[])',
        case when to_regprocedure('syncops_auth.org_ids()') is not null then 'syncops_auth.org_ids' else 'auth.org_ids' end);
    table_name constant text := (select c.relname from pg_catalog.pg_class c where c.oid = target);
    command text;
    policy_name text;
begin
    if commands is null or cardinality(commands) = 0
       or not commands <@ array['select', 'insert', 'update', 'delete'] then
        raise exception 'create_org_policies: commands must be some of select, insert, update, delete, not %', commands
            using errcode = '22023';
    end if;
    if insert_check is not null and not 'insert' = any (commands) then
        raise exception 'create_org_policies: insert_check given for % without the insert command', target
            using errcode = '22023';
    end if;

    execute format('alter table %s enable row level security', target);
    foreach command in array array['select', 'insert', 'update', 'delete'] loop
        policy_name := table_name || '_member_' || case command when 'select' then 'read' else command end;
        -- Checked first rather than "drop policy if exists", whose notices would fill the migration's output.
        if exists (select from pg_catalog.pg_policy p where p.polrelid = target and p.polname = policy_name) then
            execute format('drop policy %I on %s', policy_name, target);
        end if;
        continue when not command = any (commands);
        execute case command
            when 'select' then format('create policy %I on %s for select to authenticated using (%s)',
                                      policy_name, target, member)
            when 'insert' then format('create policy %I on %s for insert to authenticated with check (%s)',
                                      policy_name, target, member || coalesce(' and ' || insert_check, ''))
            when 'update' then format('create policy %I on %s for update to authenticated using (%s) with check (%s)',
                                      policy_name, target, member, member)
            else format('create policy %I on %s for delete to authenticated using (%s)', policy_name, target, member)
        end;
    end loop;
end
$$;

revoke all on function syncops_private.create_org_policies(regclass, text[], text) from public;

-- Membership and organisations: members read their organisations' rows; only trusted code writes them. The three
-- policies whose names did not follow the pattern are re-created under standard names. users_extended is in
-- syncops_auth where SyncOps may not write to auth (Supabase), else in auth.
do $$
declare
    users_extended constant regclass :=
        coalesce(to_regclass('syncops_auth.users_extended'), to_regclass('auth.users_extended'));
begin
    execute format('drop policy if exists users_extended_same_org_read on %s', users_extended);
    drop policy if exists organization_members_own_read on public.organization_members;
    drop policy if exists sync_activity_log_member_append on public.sync_activity_log;
    perform syncops_private.create_org_policies('public.organizations', array['select']);
    perform syncops_private.create_org_policies(users_extended, array['select']);
    perform syncops_private.create_org_policies('public.organization_members', array['select']);
end
$$;
-- The guide's tables: members track their syncs and cache previews; the audit trail is appended to, never edited.
select syncops_private.create_org_policies('public.sync_progress');
select syncops_private.create_org_policies('public.sync_activity_log', array['select', 'insert']);
select syncops_private.create_org_policies('public.sync_preview_cache');
-- Connections and the engine's tables: read-only to members (trusted code encrypts secrets and runs syncs), except
-- that a member may queue a job.
select syncops_private.create_org_policies('public.connections', array['select']);
select syncops_private.create_org_policies('public.customers', array['select']);
select syncops_private.create_org_policies('public.products', array['select']);
select syncops_private.create_org_policies('public.orders', array['select']);
select syncops_private.create_org_policies('public.sync_checkpoints', array['select']);
select syncops_private.create_org_policies('public.sync_jobs', array['select', 'insert'], $check$status = 'queued'$check$);
