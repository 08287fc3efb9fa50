using Npgsql;

namespace SyncOps.Testing.Supabase;

/// <summary>
/// One Supabase-shaped project database: <see cref="Owner"/> connects as its non-superuser <c>postgres</c> role (what
/// SyncOps is given), <see cref="Admin"/> as supabase_admin (what Supabase itself runs as, to arrange and inspect).
/// </summary>
public sealed class SupabaseProject(string ownerConnectionString, NpgsqlDataSource admin) : IAsyncDisposable
{
    public string OwnerConnectionString { get; } = ownerConnectionString;

    public NpgsqlDataSource Owner { get; } = NpgsqlDataSource.Create(ownerConnectionString);

    public NpgsqlDataSource Admin { get; } = admin;

    /// <summary>
    /// Everything of Supabase's that SyncOps must leave alone, as text: the auth schema's owner and privileges, its
    /// tables' owners, its functions' owners, privileges and definitions, and the attributes of Supabase's roles.
    /// </summary>
    public async Task<string> SupabaseObjectsAsync()
    {
        await using var command = Admin.CreateCommand(
            """
            select string_agg(line, E'\n' order by line) from (
                select format('schema %s owner=%s acl=%s', n.nspname, n.nspowner::regrole, n.nspacl) as line
                from pg_namespace n where n.nspname in ('auth', 'extensions')
                union all
                select format('table %s owner=%s acl=%s triggers=%s', c.oid::regclass, c.relowner::regrole, c.relacl,
                              (select string_agg(t.tgname, ',') from pg_trigger t where t.tgrelid = c.oid))
                from pg_class c where c.relnamespace = 'auth'::regnamespace
                union all
                select format('function %s owner=%s acl=%s def=%s', p.oid::regprocedure, p.proowner::regrole, p.proacl,
                              pg_get_functiondef(p.oid))
                from pg_proc p where p.pronamespace = 'auth'::regnamespace
                union all
                select format('role %s super=%s inherit=%s login=%s bypassrls=%s createrole=%s', r.rolname, r.rolsuper,
                              r.rolinherit, r.rolcanlogin, r.rolbypassrls, r.rolcreaterole)
                from pg_roles r
                where r.rolname in ('anon', 'authenticated', 'service_role', 'authenticator', 'supabase_auth_admin',
                                    'supabase_admin', 'postgres')
                union all
                select format('extension %s schema=%s', e.extname, e.extnamespace::regnamespace) from pg_extension e
            ) objects
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Owner.DisposeAsync();
        await Admin.DisposeAsync();
    }
}
