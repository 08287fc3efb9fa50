-- The cluster-wide part of a Supabase project's database, as supabase/postgres sets it up (its init scripts and the
-- expected outputs of nix/tests: roles.out, auth.out). Run once per fixture cluster by the superuser supabase_admin.
create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;
create role authenticator login noinherit;
grant anon, authenticated, service_role to authenticator;
create role supabase_auth_admin login noinherit createrole;
-- The role a project's owner connects as: not a superuser (Supabase keeps that for supabase_admin), but able to become
-- the API roles, as the SQL editor's "run as role" does.
grant anon, authenticated, service_role to postgres;
alter role postgres nosuperuser createdb createrole replication bypassrls;
