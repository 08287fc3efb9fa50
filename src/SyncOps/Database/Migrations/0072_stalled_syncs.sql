-- A sync is stalled when neither its progress nor its heartbeat moved for stale_after (issue 12), counted from its start
-- when it never reported either. Before this, any write to the row (a metadata change, a retry note) counted as a sign
-- of life, so a worker stuck in a loop that only rewrote metadata kept its sync 'running' for ever. The sweep reads the
-- running rows only (few; sync_progress_running_updated_idx is partial on status = 'running').
create or replace function public.timeout_stale_syncs(stale_after interval default interval '15 minutes')
returns setof public.sync_progress
language sql
as $$
    update public.sync_progress
    set status = 'timeout',
        error_message = coalesce(error_message,
            'no progress report or heartbeat for ' || justify_interval(stale_after)::text)
    where status = 'running'
      and coalesce(greatest(last_progress_at, heartbeat_at), started_at) < now() - stale_after
    returning *
$$;
