-- sync_preview_cache: "what would this sync change", kept one hour (guide §4).

create table public.sync_preview_cache (
    id bigint generated always as identity primary key,
    org_id text not null,
    sync_type text not null,
    cache_key text not null,
    delta_json jsonb not null,
    computed_by uuid,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null default now() + interval '1 hour',
    constraint sync_preview_cache_org_key unique (org_id, cache_key),
    constraint sync_preview_cache_key_length check (length(cache_key) between 1 and 200),
    constraint sync_preview_cache_expiry_after_creation check (expires_at > created_at)
);

-- The guide reads by cache_key alone (RLS adds the organisation); cleanup scans by expiry.
create index sync_preview_cache_key_idx on public.sync_preview_cache (cache_key);
create index sync_preview_cache_expires_idx on public.sync_preview_cache (expires_at);

-- Caching the same key again replaces the entry, so the guide's plain insert followed by a .single() read keeps
-- working instead of failing on the unique key or finding two rows.
create or replace function public.sync_preview_cache_replace() returns trigger
language plpgsql
as $$
begin
    perform pg_advisory_xact_lock(hashtextextended(new.org_id || chr(31) || new.cache_key, 0));
    delete from public.sync_preview_cache where org_id = new.org_id and cache_key = new.cache_key;
    return new;
end
$$;

create trigger sync_preview_cache_replace
    before insert on public.sync_preview_cache
    for each row execute function public.sync_preview_cache_replace();

-- The guide's troubleshooting RPC: supabase.rpc('auto_cleanup_preview_cache') then result.data.deleted_count.
-- SECURITY INVOKER: a member cleans their own organisations' rows; the service role and maintenance clean all.
create or replace function public.auto_cleanup_preview_cache() returns jsonb
language sql
as $$
    with deleted as (delete from public.sync_preview_cache where expires_at <= now() returning 1)
    select jsonb_build_object('deleted_count', count(*)) from deleted
$$;

alter table public.sync_preview_cache enable row level security;

create policy sync_preview_cache_member_read on public.sync_preview_cache
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_preview_cache_member_insert on public.sync_preview_cache
    for insert to authenticated
    with check (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_preview_cache_member_update on public.sync_preview_cache
    for update to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]))
    with check (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_preview_cache_member_delete on public.sync_preview_cache
    for delete to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

grant select, insert, update, delete on public.sync_preview_cache to anon, authenticated, service_role;
revoke all on function public.auto_cleanup_preview_cache() from public;
grant execute on function public.auto_cleanup_preview_cache() to anon, authenticated, service_role;
