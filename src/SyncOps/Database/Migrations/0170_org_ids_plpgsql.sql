-- syncops_auth.org_ids() in PL/pgSQL instead of SQL, same body, same result. Every member policy calls it once per
-- statement (as an init plan), and a SQL function that cannot be inlined (it is SECURITY DEFINER and sets
-- search_path, both needed: 0001) is parsed and planned again on every call before PostgreSQL 18, while PL/pgSQL
-- keeps its statement's plan for the session. Measured with pgbench on the embedded cluster (one client, prepared
-- UPDATE ... RETURNING of one sync_progress row as `authenticated`, five alternating runs under load): 157-406
-- updates/s with the SQL function, 462-652 with this one, 563-909 as the superuser without row-level security
-- (docs/benchmarks.md, REST). CREATE OR REPLACE keeps the function's owner and grants.
create or replace function syncops_auth.org_ids() returns text[]
language plpgsql stable security definer
set search_path = ''
as $$
begin
    return (
        select coalesce(array_agg(distinct memberships.org_id), '{}'::text[])
        from (
            select u.org_id from syncops_auth.users_extended u where u.id = auth.uid()
            union all
            select m.org_id from public.organization_members m where m.user_id = auth.uid()
        ) memberships);
end
$$;
