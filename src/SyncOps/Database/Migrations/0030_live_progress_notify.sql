-- Live dashboard (issue 5): sync_progress announces its changes on the channel syncops_progress, coalesced so that a
-- sync reporting every item does not send a NOTIFY per item. A row notifies when it is inserted, when its status
-- changes, and otherwise at most every 200 ms; the server re-reads a sync shortly after each notification, so a write
-- that fell inside a quiet window is still shown (see src/SyncOps.Server/Live/LiveHub.cs).
-- The payload is "org_id<TAB>sync_id"; listeners read the row itself, so the payload never nears NOTIFY's 8000 bytes.

alter table public.sync_progress add column live_notified_at timestamptz;

create or replace function public.sync_progress_live_notify() returns trigger
language plpgsql
as $$
declare
    at_time constant timestamptz := clock_timestamp();
begin
    if tg_op = 'INSERT'
       or new.status is distinct from old.status
       or old.live_notified_at is null
       or at_time - old.live_notified_at >= interval '200 milliseconds' then
        new.live_notified_at := at_time;
        -- Delivered at commit, and dropped with a rolled-back write.
        perform pg_notify('syncops_progress', new.org_id || E'\t' || new.sync_id);
    else
        new.live_notified_at := old.live_notified_at;
    end if;
    return new;
end
$$;

-- BEFORE triggers fire in name order: this one runs after sync_progress_before_write has set the final status.
create trigger zz_sync_progress_live_notify
    before insert or update on public.sync_progress
    for each row execute function public.sync_progress_live_notify();
