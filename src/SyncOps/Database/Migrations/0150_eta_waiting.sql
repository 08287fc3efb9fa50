-- The ETA separates time spent working from time spent waiting (issue 11). The engine already says when it waits on a
-- source (a 429's Retry-After, a back-off): SyncTracker.RecordRetryAsync now also sets waiting_until. From that the
-- trigger keeps waited_seconds (the part of the sync spent waiting) and wait_count (how many waits began), and the
-- estimate becomes
--     known wait left + remaining items / working rate + the waits to expect on the way
-- where the working rate is measured over working time only (a pause no longer drags the rate to zero) and blends the
-- recent rate with the average: the average where the two agree (steady syncs: its noise is lowest), the recent rate
-- where they differ by 10 % or more (speed changed for good). Future waits are projected at the share seen so far, in
-- full from the second wait on (a rhythm: rate-limit windows) and at a quarter after the first (it may be a one-off
-- outage). Measured in `bench/run eta` (docs/benchmarks.md); the constants were chosen there, on eight scenarios.

alter table public.sync_progress
    -- set by the worker: until when it waits on its source (null, or in the past, when it is not waiting)
    add column waiting_until timestamptz,
    -- calculated by sync_progress_before_write(): seconds spent waiting so far, waits begun, and the waited seconds at
    -- the last rate sample (so the sample's working time is its wall time minus the waiting inside it)
    add column waited_seconds double precision not null default 0,
    add column wait_count integer not null default 0,
    add column rate_sampled_waited double precision not null default 0;

-- The seconds of [previous_write, now] spent waiting, given the wait announced at or before previous_write. Pure, so
-- benchmarks can replay simulated syncs through it.
create or replace function public.sync_progress_wait_accrued(
    previous_write timestamptz,
    now_at timestamptz,
    waiting_until timestamptz)
returns double precision
language sql immutable parallel safe
as $$
    select case
        when waiting_until is null or waiting_until <= previous_write then 0
        else greatest(0, extract(epoch from least(now_at, waiting_until) - previous_write))
    end
$$;

-- The recent working rate: an exponentially weighted moving average of items per working second whose memory (tau)
-- grows with the sync, a twentieth of the working time between 10 s and 5 min (was a tenth of the wall time: with the
-- blend below a longer memory helps; a tenth and a twentieth are tabled in docs/benchmarks.md).
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
        else previous_rate + (1 - exp(-seconds_since_sample / least(greatest(elapsed_seconds / 20, 10), 300)))
                           * (items_since_sample / seconds_since_sample - previous_rate)
    end
$$;

drop function public.sync_progress_eta_seconds(text, integer, integer, double precision, numeric);

-- The ETA the trigger stores (see the top of this file). Pure, so benchmarks replay exactly what the trigger computes.
create or replace function public.sync_progress_eta_seconds(
    status text,
    total_items integer,
    done integer,
    recent_items_per_sec double precision,
    working_seconds double precision,
    waited_seconds double precision,
    wait_count integer,
    wait_left_seconds double precision)
returns integer
language sql immutable parallel safe
as $$
    select case
        when status in ('completed', 'completed_with_errors') then 0
        when status <> 'running' then null
        when done >= total_items then 0
        when rate is null or rate <= 0 then null
        else least(ceil(
            greatest(wait_left_seconds, 0)
            + (total_items - done) / rate
              * (1 + case when working_seconds > 0 then waited_seconds / working_seconds else 0 end
                     * case when wait_count >= 2 then 1 when wait_count = 1 then 0.25 else 0 end)),
            2147483647)::integer
    end
    from (
        select case
            when recent is null or recent <= 0 then average
            when average is null then recent
            else weight * recent + (1 - weight) * average end as rate
        from (
            select recent, average,
                   least(1, power(abs(recent / average - 1) / 0.1, 2)) as weight
            from (
                select nullif(recent_items_per_sec, 0) as recent,
                       case when done > 0 and working_seconds > 0 then done / working_seconds end as average
            ) rates
        ) weighted
    ) blended
$$;

create or replace function public.sync_progress_before_write() returns trigger
language plpgsql
as $$
declare
    -- clock_timestamp, not now(): a worker may report several times inside one transaction.
    at_time constant timestamptz := clock_timestamp();
    done integer := new.processed_count + new.failed_count;
    since_sample double precision;
    working_since_sample double precision;
    working_seconds double precision;
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
        new.waited_seconds := old.waited_seconds;
        new.wait_count := old.wait_count;
        new.rate_sampled_waited := old.rate_sampled_waited;
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
        new.waited_seconds := 0;
        new.wait_count := case when new.waiting_until > at_time then 1 else 0 end;
        new.rate_sampled_waited := 0;
    else
        new.started_at := old.started_at;
        new.rate_sampled_at := old.rate_sampled_at;
        new.rate_sampled_done := old.rate_sampled_done;
        new.recent_items_per_sec := old.recent_items_per_sec;
        new.last_progress_at := case when done <> old.processed_count + old.failed_count then at_time
                                     else old.last_progress_at end;
        -- The wait announced before this write covers part of the time since the last write; a new wait begins when
        -- the worker names a new end of waiting that lies ahead.
        new.waited_seconds := old.waited_seconds
            + public.sync_progress_wait_accrued(old.updated_at, at_time, old.waiting_until);
        new.wait_count := old.wait_count
            + case when new.waiting_until > at_time and new.waiting_until is distinct from old.waiting_until then 1 else 0 end;
        new.rate_sampled_waited := old.rate_sampled_waited;
    end if;
    new.updated_at := at_time;

    -- Fold this report into the recent rate. Reports closer than 200 ms apart are merged into the next one, so
    -- that bursts of tiny writes do not turn into noisy instantaneous rates.
    -- Counts that went down (a worker restarting its count) start the estimate afresh: a negative rate means nothing.
    if done < new.rate_sampled_done then
        new.recent_items_per_sec := null;
        new.rate_sampled_at := at_time;
        new.rate_sampled_done := done;
        new.rate_sampled_waited := new.waited_seconds;
    end if;
    since_sample := extract(epoch from at_time - new.rate_sampled_at);
    if since_sample >= 0.2 and (done <> new.rate_sampled_done or since_sample >= 5) then
        -- Only working time feeds the rate: a sample that was all waiting moves the sample point and nothing else.
        working_since_sample := since_sample - (new.waited_seconds - new.rate_sampled_waited);
        if working_since_sample >= 0.2 then
            new.recent_items_per_sec := public.sync_progress_recent_rate(
                new.recent_items_per_sec, working_since_sample, done - new.rate_sampled_done,
                extract(epoch from at_time - new.started_at) - new.waited_seconds);
        end if;
        new.rate_sampled_at := at_time;
        new.rate_sampled_done := done;
        new.rate_sampled_waited := new.waited_seconds;
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
    working_seconds := extract(epoch from coalesce(new.completed_at, at_time) - new.started_at) - new.waited_seconds;
    new.eta_seconds := public.sync_progress_eta_seconds(
        new.status, new.total_items, done, new.recent_items_per_sec, working_seconds, new.waited_seconds,
        new.wait_count, extract(epoch from new.waiting_until - at_time));
    return new;
end
$$;
