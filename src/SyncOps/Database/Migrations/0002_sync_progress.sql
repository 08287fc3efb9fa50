-- sync_progress: one row per sync, with the fields the guide says the database calculates (elapsed, speed, ETA,
-- completion) computed here by triggers so they hold whoever writes: the REST API, the C# SDK or psql.

create table public.sync_progress (
    id bigint generated always as identity primary key,
    org_id text not null,
    sync_id text not null,
    entity_type text not null,
    source_system text not null default 'unknown',
    status text not null default 'running',
    total_items integer not null default 0,
    processed_count integer not null default 0,
    failed_count integer not null default 0,
    current_item integer,
    initiated_by uuid,
    error_message text,
    metadata jsonb not null default '{}'::jsonb,
    started_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    completed_at timestamptz,
    -- when processed + failed last changed, and when the worker last said it is alive
    last_progress_at timestamptz,
    heartbeat_at timestamptz,
    -- calculated by sync_progress_before_write()
    elapsed_seconds integer,
    speed_items_per_min numeric(14, 1),
    eta_seconds integer,
    -- the recent-rate estimate behind eta_seconds: items per second, and the sample it was last updated from
    recent_items_per_sec double precision,
    rate_sampled_at timestamptz,
    rate_sampled_done integer,
    constraint sync_progress_org_sync_key unique (org_id, sync_id),
    constraint sync_progress_status_check
        check (status in ('running', 'completed', 'completed_with_errors', 'failed', 'cancelled', 'timeout')),
    constraint sync_progress_counts_non_negative
        check (total_items >= 0 and processed_count >= 0 and failed_count >= 0),
    constraint sync_progress_counts_within_total
        check (processed_count + failed_count <= total_items),
    constraint sync_progress_sync_id_length check (length(sync_id) between 1 and 200)
);

-- The dashboard's "active syncs of my organisation, newest first" (guide §3).
create index sync_progress_active_by_org_idx on public.sync_progress (org_id, updated_at desc)
    where completed_at is null;
-- The stale-sync sweep.
create index sync_progress_running_updated_idx on public.sync_progress (updated_at) where status = 'running';
-- "Find Slow Syncs".
create index sync_progress_org_speed_idx on public.sync_progress (org_id, speed_items_per_min);

-- The recent rate, an exponentially weighted moving average of items per second whose memory (tau) grows with the
-- sync: a tenth of the elapsed time, between 10 s and 5 min. Pure, so benchmarks can replay simulated syncs through it.
create or replace function public.sync_progress_recent_rate(
    previous_rate double precision,
    seconds_since_sample double precision,
    items_since_sample integer,
    elapsed_seconds double precision)
returns double precision
language sql immutable parallel safe
as $$
    select case
        when seconds_since_sample <= 0 then previous_rate
        when previous_rate is null then items_since_sample / seconds_since_sample
        else previous_rate + (1 - exp(-seconds_since_sample / least(greatest(elapsed_seconds / 10, 10), 300)))
                           * (items_since_sample / seconds_since_sample - previous_rate)
    end
$$;

-- The ETA the trigger stores: remaining items over the recent rate, or over the average until the first sample.
-- Pure, so benchmarks replay exactly what the trigger computes.
create or replace function public.sync_progress_eta_seconds(
    status text,
    total_items integer,
    done integer,
    recent_items_per_sec double precision,
    average_items_per_min numeric)
returns integer
language sql immutable parallel safe
as $$
    select case
        when status in ('completed', 'completed_with_errors') then 0
        when status <> 'running' then null
        when done >= total_items then 0
        when coalesce(recent_items_per_sec, 0) > 0
            then least(ceil((total_items - done) / recent_items_per_sec), 2147483647)::integer
        when done > 0 and average_items_per_min > 0
            then least(ceil((total_items - done) * 60 / average_items_per_min), 2147483647)::integer
        else null end
$$;

create or replace function public.sync_progress_before_write() returns trigger
language plpgsql
as $$
declare
    -- clock_timestamp, not now(): a worker may report several times inside one transaction.
    at_time constant timestamptz := clock_timestamp();
    done integer := new.processed_count + new.failed_count;
    since_sample double precision;
begin
    if tg_op = 'UPDATE' and old.status <> 'running' then
        if new.processed_count is distinct from old.processed_count
           or new.failed_count is distinct from old.failed_count
           or new.total_items is distinct from old.total_items
           or new.status is distinct from old.status
           -- A worker heartbeating a sync that maintenance already timed out must hear so, not carry on unaware.
           or new.heartbeat_at is distinct from old.heartbeat_at then
            raise exception 'sync "%" is already %; a finished sync cannot be changed', old.sync_id, old.status
                using errcode = 'PT409',
                      hint = 'Start a new sync to process the items again.';
        end if;
        -- Everything the database calculated stays as it was when the sync ended.
        new.completed_at := old.completed_at;
        new.elapsed_seconds := old.elapsed_seconds;
        new.speed_items_per_min := old.speed_items_per_min;
        new.eta_seconds := old.eta_seconds;
        new.updated_at := at_time;
        return new;
    end if;

    if tg_op = 'INSERT' then
        new.started_at := coalesce(new.started_at, at_time);
        new.rate_sampled_at := new.started_at;
        new.rate_sampled_done := 0;
        new.recent_items_per_sec := null;
        new.last_progress_at := case when done > 0 then at_time end;
        new.completed_at := null;
    else
        new.started_at := old.started_at;
        new.rate_sampled_at := old.rate_sampled_at;
        new.rate_sampled_done := old.rate_sampled_done;
        new.recent_items_per_sec := old.recent_items_per_sec;
        new.last_progress_at := case when done <> old.processed_count + old.failed_count then at_time
                                     else old.last_progress_at end;
    end if;
    new.updated_at := at_time;

    -- Fold this report into the recent rate. Reports closer than 200 ms apart are merged into the next one, so
    -- that bursts of tiny writes do not turn into noisy instantaneous rates.
    -- Counts that went down (a worker restarting its count) start the estimate afresh: a negative rate means nothing.
    if done < new.rate_sampled_done then
        new.recent_items_per_sec := null;
        new.rate_sampled_at := at_time;
        new.rate_sampled_done := done;
    end if;
    since_sample := extract(epoch from at_time - new.rate_sampled_at);
    if since_sample >= 0.2 and (done <> new.rate_sampled_done or since_sample >= 5) then
        new.recent_items_per_sec := public.sync_progress_recent_rate(
            new.recent_items_per_sec, since_sample, done - new.rate_sampled_done,
            extract(epoch from at_time - new.started_at));
        new.rate_sampled_at := at_time;
        new.rate_sampled_done := done;
    end if;

    -- Reaching the total ends the sync; so does a client setting a final status itself.
    if new.status = 'running' and new.total_items > 0 and done >= new.total_items then
        new.status := case when new.failed_count > 0 then 'completed_with_errors' else 'completed' end;
    end if;
    if new.status <> 'running' then
        new.completed_at := coalesce(new.completed_at, at_time);
    else
        new.completed_at := null;
    end if;

    new.elapsed_seconds := greatest(0, floor(extract(epoch from coalesce(new.completed_at, at_time) - new.started_at)));
    -- The guide's speed: the average over the whole sync (2,503 items in 312 s is about 480 items/min).
    new.speed_items_per_min := case
        when extract(epoch from coalesce(new.completed_at, at_time) - new.started_at) > 0
        then round((done * 60 / extract(epoch from coalesce(new.completed_at, at_time) - new.started_at))::numeric, 1)
        else 0 end;
    new.eta_seconds := public.sync_progress_eta_seconds(
        new.status, new.total_items, done, new.recent_items_per_sec, new.speed_items_per_min);
    return new;
end
$$;

create trigger sync_progress_before_write
    before insert or update on public.sync_progress
    for each row execute function public.sync_progress_before_write();
