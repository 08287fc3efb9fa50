-- WooCommerce webhooks (issue 12 item 4): a store pushes each change of a customer, order or product to
-- POST /hooks/woocommerce/{connection}. webhook_secrets holds the secret the store signs with (encrypted by the
-- application with the same AES-GCM key as connection secrets, never readable through the REST API);
-- webhook_deliveries is the durable queue between the endpoint, which answers as soon as the row is committed, and
-- the applier, which writes the records through the engine's record writer. Both are keyed by org_id first and point at
-- their connection with (org_id, connection_id), so a row naming another organisation's connection cannot exist.

-- "deleted marks deleted_at, never hard-delete": a customer.deleted / product.deleted / order.deleted delivery keeps
-- the row and stamps it. "if not exists": full-scan deletion detection (issue 12 item 1) needs the same columns.
alter table public.customers add column if not exists deleted_at timestamptz;
alter table public.products add column if not exists deleted_at timestamptz;
alter table public.orders add column if not exists deleted_at timestamptz;

create table public.webhook_secrets (
    org_id text not null,
    connection_id uuid not null,
    -- The associated data of the ciphertext (SecretProtector), so it cannot be moved to another row.
    id uuid not null default gen_random_uuid(),
    secret_ciphertext bytea not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint webhook_secrets_pkey primary key (org_id, connection_id),
    constraint webhook_secrets_connection_fkey foreign key (org_id, connection_id)
        references public.connections (org_id, id) on delete cascade
);

create table public.webhook_deliveries (
    org_id text not null,
    id bigint generated always as identity,
    connection_id uuid not null,
    -- X-WC-Webhook-Delivery-ID is wp_hash(webhook id . unix seconds) (WC_Webhook::get_new_delivery_id), so two
    -- different deliveries of one webhook in the same second share it: a replay is the same id AND the same body.
    delivery_id text not null,
    body_sha256 bytea not null,
    webhook_id text,
    topic text not null,
    entity_type text not null,
    event text not null,
    -- The body as signed (raw text, not jsonb: the applier maps it like a REST page).
    body text not null,
    status text not null default 'queued',
    received_at timestamptz not null default now(),
    applied_at timestamptz,
    error text,
    constraint webhook_deliveries_pkey primary key (org_id, id),
    constraint webhook_deliveries_replay_key unique (org_id, connection_id, delivery_id, body_sha256),
    constraint webhook_deliveries_connection_fkey foreign key (org_id, connection_id)
        references public.connections (org_id, id) on delete cascade,
    constraint webhook_deliveries_entity_check check (entity_type in ('customer', 'product', 'order')),
    constraint webhook_deliveries_event_check check (event in ('created', 'updated', 'deleted', 'restored')),
    -- applied: written (or marked deleted); ignored: the stored row was as new or newer; failed: not mappable.
    constraint webhook_deliveries_status_check check (status in ('queued', 'applied', 'ignored', 'failed')),
    constraint webhook_deliveries_delivery_id_length check (length(delivery_id) between 1 and 200)
);

-- What the applier claims, oldest first.
create index webhook_deliveries_queued_idx on public.webhook_deliveries (received_at, id) where status = 'queued';
-- Retention of finished deliveries.
create index webhook_deliveries_received_idx on public.webhook_deliveries (org_id, received_at);

alter table public.webhook_secrets enable row level security;
alter table public.webhook_deliveries enable row level security;

-- Members see that their connections have webhooks and what was delivered; only trusted code (the CLI, the server)
-- creates secrets and deliveries, so members get no write grant. The secret's ciphertext is not granted either.
do $$
declare
    member constant text := format('org_id = any ((select %s())::text[])',
        case when to_regprocedure('syncops_auth.org_ids()') is not null then 'syncops_auth.org_ids' else 'auth.org_ids' end);
begin
    execute format('create policy webhook_secrets_member_read on public.webhook_secrets for select to authenticated using (%s)', member);
    execute format('create policy webhook_deliveries_member_read on public.webhook_deliveries for select to authenticated using (%s)', member);
end
$$;

grant select (org_id, connection_id, created_at, updated_at) on public.webhook_secrets to authenticated;
grant select (org_id, id, connection_id, delivery_id, webhook_id, topic, entity_type, event, status, received_at, applied_at, error)
    on public.webhook_deliveries to authenticated;
grant all on public.webhook_secrets to service_role;
grant all on public.webhook_deliveries to service_role;
