namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// The conformance schema's functions and view for issue 13's later features, run after <see cref="ConformanceSchema"/>:
/// a computed field (a function of the row type, unnamed parameter as in PostgREST's docs), a set-returning function,
/// functions taking the body whole (an unnamed json parameter; a named jsonb one for <c>params=single-object</c>), and a
/// view of 3,000 numbers whose row count the planner knows exactly (generate_series with constant bounds).
/// </summary>
internal static class ConformanceFeatures
{
    public const string Sql = """
        create function public.full_name(public.users) returns text language sql stable
            as $$ select $1.username || '#' || $1.id $$;
        create function public.channel_messages(p_channel bigint) returns setof public.messages language sql stable
            as $$ select * from public.messages where channel_id = p_channel $$;
        create function public.echo_body(json) returns json language sql immutable as $$ select $1 $$;
        create function public.count_keys(payload jsonb) returns integer language sql immutable
            as $$ select count(*)::integer from jsonb_object_keys(payload) $$;
        create view public.numbers with (security_invoker = true) as select n from generate_series(1, 3000) n;
        grant select on public.numbers to anon, authenticated, service_role;
        """;
}
