-- Supabase-compatible auth: the roles PostgREST switches to, auth.uid()/auth.jwt() reading request.jwt.claims
-- exactly as Supabase's helpers do (reference/postgrest-protocol.md §8.2), and organisation membership.
--
-- Runs on SyncOps' own database and on an existing Supabase database as its `postgres` role, which is not a superuser
-- there and may not create, replace or drop anything in the `auth` schema (Supabase changelog, 2025-04-21). So every
-- statement that touches a shared object first checks that it is missing or SyncOps' own, and what SyncOps adds lives
-- in its own schema, syncops_auth (docs/supabase.md). This text replaced an earlier one that put users_extended and
-- org_ids() in auth; Database/MigrationHistory.cs lists the earlier checksum and the upgrade that moves them.

-- Roles are cluster-wide and may already exist (Supabase itself, or another database in the same cluster).
do $$
declare
    role_name text;
begin
    foreach role_name in array array['anon', 'authenticated', 'service_role'] loop
        if not exists (select from pg_roles where rolname = role_name) then
            begin
                execute format('create role %I nologin noinherit', role_name);
            exception when duplicate_object or unique_violation then
                null; -- created concurrently by another migrator
            end;
        end if;
    end loop;
end
$$;

-- service_role ignores row-level security, as on Supabase (where it already has the attribute).
do $$
begin
    if not (select rolbypassrls from pg_roles where rolname = 'service_role') then
        alter role service_role bypassrls;
    end if;
end
$$;

-- The connecting role must be able to become each of them (PostgREST's set_config('role', ...)). Granted only when
-- missing: on Supabase `postgres` is already a member, and a repeated grant by a non-owner would only warn.
do $$
declare
    role_name text;
begin
    foreach role_name in array array['anon', 'authenticated', 'service_role'] loop
        if not pg_has_role(current_user, role_name, 'member') then
            execute format('grant %I to %I', role_name, current_user);
        end if;
    end loop;
end
$$;

-- The auth schema and its helpers: created when missing, re-created only when SyncOps owns them, never touched when
-- they belong to someone else (Supabase's supabase_admin and supabase_auth_admin).
do $$
declare
    helper record;
begin
    if not exists (select from pg_namespace where nspname = 'auth') then
        create schema auth;
    end if;
    if (select nspowner from pg_namespace where nspname = 'auth') = (select oid from pg_roles where rolname = current_user) then
        grant usage on schema auth to anon, authenticated, service_role;
    end if;

    for helper in
        select * from (values
            ('jwt', 'jsonb', $body$
    select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$body$),
            ('uid', 'uuid', $body$
    select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$body$),
            ('role', 'text', $body$
    select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$body$)) as h (name, returns, body)
    loop
        if exists (select from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                   where n.nspname = 'auth' and p.proname = helper.name and p.pronargs = 0
                     and p.proowner <> (select oid from pg_roles where rolname = current_user)) then
            continue; -- someone else's (Supabase's): theirs reads the same settings
        end if;
        if not has_schema_privilege(current_user, 'auth', 'CREATE') then
            if helper.name = 'uid' then
                raise exception 'auth.uid() is missing and % may not create it in schema auth', current_user
                    using errcode = '42501', hint = 'see docs/supabase.md';
            end if;
            continue; -- SyncOps' own SQL needs only auth.uid()
        end if;
        execute format('create or replace function auth.%I() returns %s language sql stable as $f$%s$f$',
                       helper.name, helper.returns, helper.body);
    end loop;
end
$$;

-- SyncOps' additions to auth: membership and the organisations of the signed-in user. A schema of its own, usable by
-- the API roles, never exposed by the REST API (which serves public only).
create schema if not exists syncops_auth;
grant usage on schema syncops_auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

create table public.organizations (
    org_id text primary key check (length(org_id) between 1 and 200),
    name text,
    created_at timestamptz not null default now()
);

-- The guide's users_extended: each user has a home organisation. id is the user's auth.users id (Supabase Auth's or
-- SyncOps' own /auth/v1), without a foreign key: tokens signed elsewhere may name users auth.users does not hold.
create table syncops_auth.users_extended (
    id uuid primary key,
    org_id text not null references public.organizations (org_id),
    email text,
    display_name text,
    created_at timestamptz not null default now()
);
create index users_extended_org_id_idx on syncops_auth.users_extended (org_id);

-- Further organisations a user belongs to, beyond the home one.
create table public.organization_members (
    user_id uuid not null references syncops_auth.users_extended (id) on delete cascade,
    org_id text not null references public.organizations (org_id) on delete cascade,
    member_role text not null default 'member' check (member_role in ('member', 'admin', 'viewer')),
    created_at timestamptz not null default now(),
    primary key (user_id, org_id)
);
create index organization_members_org_id_idx on public.organization_members (org_id);

-- The organisations of the signed-in user. SECURITY DEFINER so that policies calling it do not recurse into the
-- membership tables' own policies (42P17); policies call it as (select syncops_auth.org_ids()) so it runs once per
-- statement.
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
revoke all on function syncops_auth.org_ids() from public;
grant execute on function syncops_auth.org_ids() to anon, authenticated, service_role;

alter table public.organizations enable row level security;
alter table syncops_auth.users_extended enable row level security;
alter table public.organization_members enable row level security;

create policy organizations_member_read on public.organizations
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

create policy users_extended_same_org_read on syncops_auth.users_extended
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

create policy organization_members_own_read on public.organization_members
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

grant select on public.organizations, public.organization_members to authenticated;
grant select on syncops_auth.users_extended to authenticated;
grant all on public.organizations, public.organization_members, syncops_auth.users_extended to service_role;
