-- Supabase-compatible auth: the roles PostgREST switches to, auth.uid()/auth.jwt() reading request.jwt.claims
-- exactly as Supabase's helpers do (reference/postgrest-protocol.md §8.2), and organisation membership.

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

-- The connecting role must be able to become each of them (PostgREST's set_config('role', ...)).
do $$
begin
    execute format('grant anon, authenticated, service_role to %I', current_user);
end
$$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), ''))::jsonb
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
    select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
$$;

create table public.organizations (
    org_id text primary key check (length(org_id) between 1 and 200),
    name text,
    created_at timestamptz not null default now()
);

-- The guide's users_extended: each user has a home organisation.
create table auth.users_extended (
    id uuid primary key,
    org_id text not null references public.organizations (org_id),
    email text,
    display_name text,
    created_at timestamptz not null default now()
);
create index users_extended_org_id_idx on auth.users_extended (org_id);

-- Further organisations a user belongs to, beyond the home one.
create table public.organization_members (
    user_id uuid not null references auth.users_extended (id) on delete cascade,
    org_id text not null references public.organizations (org_id) on delete cascade,
    member_role text not null default 'member' check (member_role in ('member', 'admin', 'viewer')),
    created_at timestamptz not null default now(),
    primary key (user_id, org_id)
);
create index organization_members_org_id_idx on public.organization_members (org_id);

-- The organisations of the signed-in user. SECURITY DEFINER so that policies calling it do not recurse into the
-- membership tables' own policies (42P17); policies call it as (select auth.org_ids()) so it runs once per statement.
create or replace function auth.org_ids() returns text[]
language sql stable security definer
set search_path = ''
as $$
    select coalesce(array_agg(distinct org_id), '{}'::text[])
    from (
        select u.org_id from auth.users_extended u where u.id = auth.uid()
        union all
        select m.org_id from public.organization_members m where m.user_id = auth.uid()
    ) memberships
$$;
revoke all on function auth.org_ids() from public;
grant execute on function auth.org_ids() to anon, authenticated, service_role;

alter table public.organizations enable row level security;
alter table auth.users_extended enable row level security;
alter table public.organization_members enable row level security;

create policy organizations_member_read on public.organizations
    for select to authenticated
    using (org_id = any ((select auth.org_ids())::text[]));

create policy users_extended_same_org_read on auth.users_extended
    for select to authenticated
    using (org_id = any ((select auth.org_ids())::text[]));

create policy organization_members_own_read on public.organization_members
    for select to authenticated
    using (org_id = any ((select auth.org_ids())::text[]));

grant select on public.organizations, public.organization_members to authenticated;
grant select on auth.users_extended to authenticated;
grant all on public.organizations, public.organization_members, auth.users_extended to service_role;
