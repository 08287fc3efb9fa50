-- The REST API's check for Accept: application/vnd.pgrst.object+json (supabase-js .single()): a statement that did not
-- touch exactly one row must fail and roll back (protocol reference §6.3). Raising inside the statement lets the server
-- send role setup, statement and commit in one round trip, instead of reading the count and then deciding to commit.
-- In its own schema so that /rest/v1/rpc (schema public only) never exposes it.
create schema if not exists syncops_rest;
revoke all on schema syncops_rest from public;
grant usage on schema syncops_rest to anon, authenticated, service_role;

create or replace function syncops_rest.require_singular(row_count bigint) returns bigint
language plpgsql
as $$
begin
    if row_count <> 1 then
        raise exception 'PGRST116' using errcode = 'PT406', detail = format('The result contains %s rows', row_count);
    end if;
    return row_count;
end
$$;

revoke all on function syncops_rest.require_singular(bigint) from public;
grant execute on function syncops_rest.require_singular(bigint) to anon, authenticated, service_role;
