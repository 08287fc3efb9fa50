-- Brings a database that applied the first text of 0001_auth_and_organizations.sql (users_extended and org_ids() in
-- the auth schema) to what the current text creates (both in syncops_auth), so that SyncOps' own and Supabase
-- databases have one shape. ALTER ... SET SCHEMA keeps each object's oid, and policies refer to functions and tables
-- by oid, so every policy written against auth.org_ids() now calls syncops_auth.org_ids() without being re-created.
create schema if not exists syncops_auth;
grant usage on schema syncops_auth to anon, authenticated, service_role;

do $$
begin
    if to_regclass('auth.users_extended') is not null and to_regclass('syncops_auth.users_extended') is null then
        alter table auth.users_extended set schema syncops_auth;
    end if;
    if to_regprocedure('auth.org_ids()') is not null and to_regprocedure('syncops_auth.org_ids()') is null then
        alter function auth.org_ids() set schema syncops_auth;
    end if;
end
$$;

-- The body named auth.users_extended by text (search_path is empty), so it is replaced with the current one.
create or replace function syncops_auth.org_ids() returns text[]
language sql stable security definer
set search_path = ''
as $$
    select coalesce(array_agg(distinct org_id), '{}'::text[])
    from (
        select u.org_id from syncops_auth.users_extended u where u.id = auth.uid()
        union all
        select m.org_id from public.organization_members m where m.user_id = auth.uid()
    ) memberships
$$;
