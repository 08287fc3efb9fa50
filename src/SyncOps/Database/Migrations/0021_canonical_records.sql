-- The canonical tables the engine writes: one row per source record, keyed by (org_id, source_system, external_id).
-- content_hash (SHA-256 of the source payload) lets a batch upsert skip unchanged records; raw keeps the payload as
-- the source sent it. Every value the engine writes has been validated by the connector's mapper.

create table public.customers (
    org_id text not null,
    source_system text not null,
    external_id text not null,
    connection_id uuid,
    email text,
    first_name text,
    last_name text,
    name text,
    company text,
    phone text,
    city text,
    country text,
    source_created_at timestamptz,
    source_updated_at timestamptz,
    content_hash bytea not null,
    raw jsonb not null,
    last_sync_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (org_id, source_system, external_id)
);

create table public.products (
    org_id text not null,
    source_system text not null,
    external_id text not null,
    connection_id uuid,
    parent_external_id text,
    name text,
    sku text,
    product_type text,
    status text,
    price numeric(18, 4),
    regular_price numeric(18, 4),
    stock_quantity integer,
    source_created_at timestamptz,
    source_updated_at timestamptz,
    content_hash bytea not null,
    raw jsonb not null,
    last_sync_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (org_id, source_system, external_id)
);

create table public.orders (
    org_id text not null,
    source_system text not null,
    external_id text not null,
    connection_id uuid,
    order_number text,
    status text,
    currency text,
    total numeric(18, 4),
    customer_external_id text,
    email text,
    line_count integer,
    source_created_at timestamptz,
    source_updated_at timestamptz,
    content_hash bytea not null,
    raw jsonb not null,
    last_sync_id text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (org_id, source_system, external_id)
);

create index customers_org_email_idx on public.customers (org_id, email);
create index products_org_sku_idx on public.products (org_id, sku);
create index orders_org_customer_idx on public.orders (org_id, customer_external_id);
create index orders_org_created_idx on public.orders (org_id, source_created_at desc);

do $$
declare
    t text;
begin
    foreach t in array array['customers', 'products', 'orders'] loop
        execute format('alter table public.%I enable row level security', t);
        execute format(
            'create policy %I on public.%I for select to authenticated using (org_id = any ((select syncops_auth.org_ids())::text[]))',
            t || '_member_read', t);
        execute format('grant select on public.%I to authenticated', t);
        execute format('grant all on public.%I to service_role', t);
    end loop;
end
$$;
