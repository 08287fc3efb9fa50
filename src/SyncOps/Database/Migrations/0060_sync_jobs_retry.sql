-- A job whose sync failed for a reason that may pass (the source's circuit open, timeouts, 5xx) is queued again and
-- waits until not_before; workers claim only jobs whose time has come (issue 10).
alter table public.sync_jobs add column not_before timestamptz;
