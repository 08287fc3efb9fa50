-- 64-bit ETA and speed arithmetic (issue 10). 0002 computed (total_items - done) * 60 and done * 60 in int4, so any
-- progress write of a sync with more than about 35.8 M items (2^31 / 60) failed with "integer out of range". The
-- columns stay integer (2.1 G items); only the products widen. Both functions are redefined whole, unchanged otherwise;
-- the trigger keeps pointing at the function by name, so it picks up the new body.

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
            then least(ceil((total_items - done)::bigint * 60 / average_items_per_min), 2147483647)::integer
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
        then round((done::bigint * 60 / extract(epoch from coalesce(new.completed_at, at_time) - new.started_at))::numeric, 1)
        else 0 end;
    new.eta_seconds := public.sync_progress_eta_seconds(
        new.status, new.total_items, done, new.recent_items_per_sec, new.speed_items_per_min);
    return new;
end
$$;
