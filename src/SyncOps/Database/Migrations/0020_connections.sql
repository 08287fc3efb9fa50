-- connections: where an organisation's stores and ERPs are (issue 4). Secrets (WooCommerce consumer key and secret,
-- Odoo API key) are encrypted by the application with AES-GCM before they reach this table, so neither a database
-- dump nor a REST read ever shows them; only the worker holding SYNCOPS_SECRET_KEY can decrypt.

create table public.connections (
    id uuid primary key default gen_random_uuid(),
    org_id text not null,
    source_system text not null,
    name text not null,
    base_url text not null,
    database_name text,
    login text,
    secret_ciphertext bytea not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint connections_source_check check (source_system in ('woocommerce', 'odoo')),
    constraint connections_odoo_fields check (source_system <> 'odoo' or (database_name is not null and login is not null))
);

create index connections_org_idx on public.connections (org_id, created_at);

alter table public.connections enable row level security;

create policy connections_member_read on public.connections
    for select to authenticated
    using (org_id = any ((select syncops_auth.org_ids())::text[]));

-- Members see their connections but change them only through trusted code (CLI, server) that can encrypt secrets.
grant select (id, org_id, source_system, name, base_url, database_name, login, created_at, updated_at)
    on public.connections to authenticated;
grant all on public.connections to service_role;
