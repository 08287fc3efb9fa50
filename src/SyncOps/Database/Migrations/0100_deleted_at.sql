-- Records deleted at the source (issue 12): a full scan that the engine judged complete (ScanIntegrity) marks the rows
-- of its connection that the source no longer lists with deleted_at, and never deletes them: the app's own rows may
-- point at them. A record that comes back (restored from the trash, or a mistaken deletion) is un-deleted by the next
-- write of it. Null for every existing row: nothing was known to be deleted before. "if not exists": migration 0080
-- (WooCommerce webhooks, whose deletions set it too) adds the same column first.
alter table public.customers add column if not exists deleted_at timestamptz;
alter table public.products add column if not exists deleted_at timestamptz;
alter table public.orders add column if not exists deleted_at timestamptz;
