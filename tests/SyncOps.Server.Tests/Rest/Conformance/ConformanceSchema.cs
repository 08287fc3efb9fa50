namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// The conformance suite's own schema, in its own database (never a product migration): users with a self-reference,
/// a one-to-one, channels, messages with two keys to users (ambiguous), a many-to-many join table, a view, a second
/// schema. Every table has row-level security by organisation, as the sync tables do. Rows of organisation
/// <c>other</c> hang off <c>acme</c>'s through foreign keys, so that embeds are checked against RLS.
/// </summary>
internal static class ConformanceSchema
{
    public const string Sql = """
        create table public.users (
            id bigint primary key, org_id text not null, username text not null,
            manager_id bigint references public.users (id), profile jsonb);
        create table public.user_settings (
            user_id bigint primary key references public.users (id), org_id text not null, theme text not null);
        create table public.channels (
            id bigint primary key, org_id text not null, slug text not null, owner_id bigint references public.users (id));
        create table public.messages (
            id bigint primary key, org_id text not null, channel_id bigint not null references public.channels (id),
            user_id bigint references public.users (id), edited_by bigint references public.users (id),
            body text not null default '(no text)', data jsonb, during tstzrange,
            search tsvector generated always as (to_tsvector('english', body)) stored);
        create table public.channel_members (
            channel_id bigint references public.channels (id), user_id bigint references public.users (id),
            org_id text not null, primary key (channel_id, user_id));
        create view public.channel_stats with (security_invoker = true) as
            select c.id, c.org_id, c.slug, count(m.id) as message_count
            from public.channels c left join public.messages m on m.channel_id = c.id group by c.id;
        create schema reports;
        create table reports.daily (id bigint primary key, org_id text not null, total integer not null);

        do $$
        declare t text;
        begin
            foreach t in array array['public.users', 'public.user_settings', 'public.channels', 'public.messages',
                                     'public.channel_members', 'reports.daily'] loop
                execute format('alter table %s enable row level security', t);
                execute format('create policy member on %s for all to authenticated '
                    || 'using (org_id = any ((select syncops_auth.org_ids())::text[])) '
                    || 'with check (org_id = any ((select syncops_auth.org_ids())::text[]))', t);
                execute format('grant select, insert, update, delete on %s to anon, authenticated, service_role', t);
            end loop;
        end $$;
        grant select on public.channel_stats to anon, authenticated, service_role;
        create function public.add_channel(p_id bigint, p_slug text) returns bigint language sql
            as $$ insert into public.channels (id, org_id, slug) values (p_id, 'acme', p_slug) returning id $$;
        grant usage on schema reports to anon, authenticated, service_role;

        insert into public.organizations (org_id) values ('acme'), ('other');
        insert into public.users values
            (1, 'acme', 'alice', null, '{"tz": "UTC", "langs": ["en", "fr"], "address": {"city": "Paris"}}'),
            (2, 'acme', 'bob', 1, '{"tz": "CET", "langs": ["de"]}'),
            (3, 'acme', 'carol', 1, null),
            (9, 'other', 'mallory', null, null);
        insert into public.user_settings values (1, 'acme', 'dark'), (9, 'other', 'light');
        insert into public.channels values (10, 'acme', 'general', 1), (11, 'acme', 'random', 2), (12, 'acme', 'empty', 3),
            (19, 'other', 'secret', 9);
        insert into public.messages (id, org_id, channel_id, user_id, edited_by, body, data, during) values
            (100, 'acme', 10, 1, null, 'hello world', '{"a": {"b": "x"}, "n": 1}', '[2025-01-01 00:00+00,2025-01-02 00:00+00)'),
            (101, 'acme', 10, 2, 1, 'the quick brown fox', '{"a": {"b": "y"}, "n": 2}', '[2025-01-03 00:00+00,2025-01-04 00:00+00)'),
            (102, 'acme', 11, 3, null, 'jumped over the lazy dog', null, null),
            (103, 'acme', 10, 9, null, 'written by a user of another organisation', null, null),
            (190, 'other', 19, 9, null, 'secret plans', null, null),
            (191, 'other', 10, 9, null, 'planted in acme''s channel', null, null);
        insert into public.channel_members values (10, 1, 'acme'), (10, 2, 'acme'), (11, 2, 'acme'), (11, 3, 'acme'),
            (19, 9, 'other'), (10, 9, 'other');
        insert into reports.daily values (1, 'acme', 42), (2, 'other', 7);
        """;
}
