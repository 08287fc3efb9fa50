-- Secrets the REST server needs and several `syncops serve` processes must agree on, for an external database with no
-- SYNCOPS_JWT_SECRET: kept in a schema only the owning (connecting) role can read. anon, authenticated and
-- service_role get neither USAGE on the schema nor any privilege on the table, so no REST request can read it.
create schema if not exists syncops_private;
revoke all on schema syncops_private from public;

create table if not exists syncops_private.server_secrets (
    name text primary key,
    value text not null,
    created_at timestamptz not null default now()
);
revoke all on syncops_private.server_secrets from public, anon, authenticated, service_role;
