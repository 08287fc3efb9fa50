-- The engine's own state: per (organisation, connection, entity) checkpoints, and the queue workers claim from.

-- watermark: where the next incremental run starts (minus the overlap window). run: the run in progress, with the
-- offset of the first record not yet committed; it is written in the same transaction as the records before it, so a
-- killed process resumes exactly there.
create table public.sync_checkpoints (
    org_id text not null,
    connection_id uuid not null references public.connections (id) on delete cascade,
    entity_type text not null,
    watermark timestamptz,
    run jsonb,
    updated_at timestamptz not null default now(),
    primary key (org_id, connection_id, entity_type)
);

create table public.sync_jobs (
    id bigint generated always as identity primary key,
    org_id text not null,
    connection_id uuid not null references public.connections (id) on delete cascade,
    entity_type text not null,
    full_scan boolean not null default false,
    status text not null default 'queued',
    sync_id text,
    requested_by uuid,
    attempts integer not null default 0,
    error_message text,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    finished_at timestamptz,
    constraint sync_jobs_status_check check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    constraint sync_jobs_entity_check check (entity_type in ('customer', 'product', 'order'))
);

-- Workers claim the oldest queued job: FOR UPDATE SKIP LOCKED over this index.
create index sync_jobs_queued_idx on public.sync_jobs (id) where status = 'queued';
create index sync_jobs_org_idx on public.sync_jobs (org_id, created_at desc);

alter table public.sync_checkpoints enable row level security;
alter table public.sync_jobs enable row level security;

create policy sync_checkpoints_member_read on public.sync_checkpoints
    for select to authenticated using (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_jobs_member_read on public.sync_jobs
    for select to authenticated using (org_id = any ((select syncops_auth.org_ids())::text[]));
create policy sync_jobs_member_insert on public.sync_jobs
    for insert to authenticated with check (org_id = any ((select syncops_auth.org_ids())::text[]) and status = 'queued');

grant select on public.sync_checkpoints to authenticated;
grant select, insert on public.sync_jobs to authenticated;
grant all on public.sync_checkpoints, public.sync_jobs to service_role;
