using Npgsql;
using SyncOps.Database;
using SyncOps.Operations;
using SyncOps.Security;
using SyncOps.Testing.Supabase;

namespace SyncOps.Tests.Supabase;

/// <summary>SyncOps installed on an existing Supabase project's database, as its non-superuser <c>postgres</c> role.</summary>
public sealed class SupabaseInstallTests
{
    [Fact]
    public async Task Migrate_AsSupabasePostgresRole_AppliesEveryScriptOnceThenNothing()
    {
        await using var project = await (await SupabaseCluster.GetAsync()).CreateProjectAsync();
        Assert.False(await ScalarAsync<bool>(project.Owner, "select rolsuper from pg_roles where rolname = current_user"));
        Assert.False(await ScalarAsync<bool>(project.Owner, "select has_schema_privilege('auth', 'CREATE')"));

        var first = await new Migrator(project.Owner).MigrateAsync();
        var second = await new Migrator(project.Owner).MigrateAsync();

        Assert.Equal(SqlResources.Migrations().Select(m => m.Name).ToList(), first);
        Assert.Empty(second);
        Assert.True(await new Migrator(project.Owner).IsUpToDateAsync());
    }

    [Fact]
    public async Task Migrate_SupabaseAuthSchemaAndRoles_LeftExactlyAsTheyWere()
    {
        await using var project = await (await SupabaseCluster.GetAsync()).CreateProjectAsync();
        var before = await project.SupabaseObjectsAsync();

        await new Migrator(project.Owner).MigrateAsync();

        Assert.Contains("function auth.uid() owner=supabase_auth_admin", before, StringComparison.Ordinal);
        Assert.Equal(before, await project.SupabaseObjectsAsync());
        // SyncOps' additions are its own, outside auth.
        Assert.Equal("postgres", await ScalarAsync<string>(project.Admin,
            "select p.proowner::regrole::text from pg_proc p where p.oid = 'syncops_auth.org_ids()'::regprocedure"));
    }

    [Fact]
    public async Task RowLevelSecurity_TwoOrganisations_EachSupabaseUserSeesOnlyItsOwnSyncs()
    {
        await using var project = await (await SupabaseCluster.GetAsync()).CreateProjectAsync();
        await new Migrator(project.Owner).MigrateAsync();
        var organizations = new Organizations(project.Owner);
        var alice = await InsertAuthUserAsync(project, "alice@example.com", appMetadata: "{}");
        var bob = await InsertAuthUserAsync(project, "bob@example.com", appMetadata: "{}");
        await organizations.AddUserAsync("org-a", alice);
        await organizations.AddUserAsync("org-b", bob);
        await SyncRows.InsertAsync(project.Owner, "org-a", "sync-a", 10);
        await SyncRows.InsertAsync(project.Owner, "org-b", "sync-b", 10);

        Assert.Equal(["sync-a"], await VisibleSyncsAsync(project, alice));
        Assert.Equal(["sync-b"], await VisibleSyncsAsync(project, bob));
        Assert.Empty(await VisibleSyncsAsync(project, Guid.NewGuid()));
    }

    [Fact]
    public async Task AddUser_ExistingSupabaseAuthUser_JoinsTheOrganisationWithItsEmail()
    {
        await using var project = await (await SupabaseCluster.GetAsync()).CreateProjectAsync();
        await new Migrator(project.Owner).MigrateAsync();
        var userId = await InsertAuthUserAsync(project, "carol@example.com", appMetadata: "{}");

        await new Organizations(project.Owner).AddUserAsync("org-c", userId);

        Assert.Equal("org-c|carol@example.com", await ScalarAsync<string>(project.Admin,
            "select org_id || '|' || email from syncops_auth.users_extended where id = $1", userId));
    }

    [Fact]
    public async Task HomeOrganizationTrigger_AppMetadataOrgId_GivesHomeOrganisation_UserMetadataIgnored()
    {
        await using var project = await (await SupabaseCluster.GetAsync()).CreateProjectAsync();
        await new Migrator(project.Owner).MigrateAsync();
        // The opt-in statement of docs/supabase.md, run as the project's postgres role.
        await ExecuteAsync(project.Owner, """
            create trigger syncops_home_organization after insert or update of raw_app_meta_data on auth.users
            for each row execute function syncops_auth.assign_home_organization()
            """);

        var invited = await InsertAuthUserAsync(project, "dan@example.com", appMetadata: """{"org_id": "org-d"}""");
        var selfSignedUp = await InsertAuthUserAsync(project, "eve@example.com", appMetadata: "{}", userMetadata: """{"org_id": "org-d"}""");

        Assert.Equal("org-d", await ScalarAsync<string>(project.Admin, "select org_id from syncops_auth.users_extended where id = $1", invited));
        Assert.Equal(0L, await ScalarAsync<long>(project.Admin, "select count(*) from syncops_auth.users_extended where id = $1", selfSignedUp));
        Assert.Equal(["sync-d"], await InsertAndReadAsync(project, invited));
    }

    private static async Task<string[]> InsertAndReadAsync(SupabaseProject project, Guid userId)
    {
        await SyncRows.InsertAsync(project.Owner, "org-d", "sync-d", 5);
        return await VisibleSyncsAsync(project, userId);
    }

    /// <summary>A user as Supabase Auth inserts one: by supabase_auth_admin, into its own auth.users.</summary>
    private static async Task<Guid> InsertAuthUserAsync(SupabaseProject project, string email, string appMetadata, string userMetadata = "{}")
    {
        var id = Guid.NewGuid();
        await using var connection = await project.Admin.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "set local role supabase_auth_admin");
        await Sql.ExecuteAsync(connection, """
            insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
            values ($1, 'authenticated', 'authenticated', $2, $3::jsonb, $4::jsonb, now(), now())
            """, id, email, appMetadata, userMetadata);
        await transaction.CommitAsync();
        return id;
    }

    /// <summary>The sync ids a user sees through row-level security, as PostgREST would run the query.</summary>
    private static async Task<string[]> VisibleSyncsAsync(SupabaseProject project, Guid userId)
    {
        var user = new UserContext("authenticated", $$"""{"role":"authenticated","sub":"{{userId}}","aud":"authenticated"}""")
        {
            StatementTimeout = TimeSpan.FromMinutes(1),
        };
        await using var session = await UserSession.OpenAsync(project.Owner, user, CancellationToken.None);
        return await Sql.ScalarAsync<string[]>(session.Connection, "select coalesce(array_agg(sync_id order by sync_id), '{}') from public.sync_progress") ?? [];
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await Sql.ScalarAsync<T>(connection, sql, parameters);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await Sql.ExecuteAsync(connection, sql);
    }
}
