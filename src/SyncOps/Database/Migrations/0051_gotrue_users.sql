-- The users, sessions and refresh tokens of SyncOps' own /auth/v1 (a GoTrue subset, docs/auth.md), on a database whose
-- auth schema SyncOps created. On Supabase the schema is Supabase's and its Auth is the one to use: nothing is created
-- there. The columns SyncOps reads on both have GoTrue's names (id, email, raw_app_meta_data, raw_user_meta_data).
do $$
begin
    if (select nspowner from pg_namespace where nspname = 'auth') <> (select oid from pg_roles where rolname = current_user)
       or to_regclass('auth.users') is not null then
        return;
    end if;

    create table auth.users (
        id uuid primary key default gen_random_uuid(),
        aud text not null default 'authenticated',
        role text not null default 'authenticated',
        email text not null check (length(email) between 3 and 320),
        -- bcrypt, as GoTrue stores it; null for a user who may not sign in with a password
        encrypted_password text,
        email_confirmed_at timestamptz,
        last_sign_in_at timestamptz,
        raw_app_meta_data jsonb not null default '{}',
        raw_user_meta_data jsonb not null default '{}',
        is_anonymous boolean not null default false,
        banned_until timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
    );
    create unique index users_email_key on auth.users (lower(email));

    create table auth.sessions (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references auth.users (id) on delete cascade,
        aal text not null default 'aal1',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
    );
    create index sessions_user_id_idx on auth.sessions (user_id);

    -- Rotating refresh tokens: each use revokes the token and issues its child; a revoked token used again means it
    -- leaked, and the whole session goes (GoTrue's reuse detection). Only a SHA-256 of the token is kept.
    create table auth.refresh_tokens (
        id bigint generated always as identity primary key,
        token_hash text not null unique,
        session_id uuid not null references auth.sessions (id) on delete cascade,
        user_id uuid not null references auth.users (id) on delete cascade,
        parent_id bigint references auth.refresh_tokens (id) on delete set null,
        revoked boolean not null default false,
        created_at timestamptz not null default now()
    );
    create index refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);

    -- Only the server (the owning role) reads these; no API role may, and the REST API never exposes auth.
    revoke all on auth.users, auth.sessions, auth.refresh_tokens from public, anon, authenticated, service_role;
end
$$;
