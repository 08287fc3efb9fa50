-- sync_progress_samples (issue 11): the points of the dashboard's per-sync chart (processed items, speed, and the ETA
-- as it was predicted at each moment). The progress trigger already takes rate samples (every report at least 200 ms
-- apart, or 5 s without progress); this keeps some of them, spaced at least 5 s and at least 1/200 of the sync's
-- elapsed time apart, plus the first and the final state. That caps a sync's history at a few hundred rows however
-- long it runs (about 200 for the first 17 minutes, then about 200 more each time the elapsed time grows e-fold) and
-- keeps the extra writes to one small insert every 5 s or more per running sync. Rows go with their sync (the foreign
-- key cascades), so whatever removes old syncs removes their samples.

create table public.sync_progress_samples (
    org_id text not null,
    sync_id text not null,
    sampled_at timestamptz not null,
    status text not null,
    done integer not null,
    total_items integer not null,
    -- the guide's speed (average over the sync so far) and the recent working rate behind the ETA
    speed_items_per_min numeric(14, 1),
    recent_items_per_sec double precision,
    eta_seconds integer,
    constraint sync_progress_samples_pkey primary key (org_id, sync_id, sampled_at),
    constraint sync_progress_samples_sync_fkey foreign key (org_id, sync_id)
        references public.sync_progress (org_id, sync_id) on delete cascade
);

-- Runs as the migration's owner: members write progress, never samples; they only read them (below).
create or replace function public.sync_progress_take_sample() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
    last_sample timestamptz;
begin
    -- A finished sync's history is complete.
    if tg_op = 'UPDATE' and old.status <> 'running' then
        return null;
    end if;
    if tg_op = 'UPDATE' and new.status = 'running' then
        select max(s.sampled_at) into last_sample
        from public.sync_progress_samples s
        where s.org_id = new.org_id and s.sync_id = new.sync_id;
        if last_sample is not null
           and new.updated_at - last_sample < greatest(interval '5 seconds', (new.updated_at - new.started_at) / 200) then
            return null;
        end if;
    end if;
    insert into public.sync_progress_samples
        (org_id, sync_id, sampled_at, status, done, total_items, speed_items_per_min, recent_items_per_sec, eta_seconds)
    values (new.org_id, new.sync_id, new.updated_at, new.status, new.processed_count + new.failed_count, new.total_items,
            new.speed_items_per_min, new.recent_items_per_sec, new.eta_seconds)
    on conflict do nothing;
    return null;
end
$$;

create trigger sync_progress_sample_on_insert after insert on public.sync_progress
    for each row execute function public.sync_progress_take_sample();
-- Only writes that took a rate sample, and the end of a sync, can become points: the WHEN clause keeps every other
-- write (heartbeats, metadata) from even calling the function.
create trigger sync_progress_sample_on_update after update on public.sync_progress
    for each row
    when (new.rate_sampled_at is distinct from old.rate_sampled_at
          or (old.status = 'running' and new.status <> 'running'))
    execute function public.sync_progress_take_sample();

select syncops_private.create_org_policies('public.sync_progress_samples', array['select']);
grant select on public.sync_progress_samples to authenticated;
grant all on public.sync_progress_samples to service_role;
