using Npgsql;
using SyncOps.Database;
using SyncOps.Embedded;

namespace SyncOps.Testing.Supabase;

/// <summary>
/// A throw-away PostgreSQL cluster shaped like Supabase's: supabase_admin is the superuser, <c>postgres</c> is demoted to
/// <c>NOSUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS</c>, and each <see cref="CreateProjectAsync"/> makes one
/// project database (supabase-database.sql). Its own cluster, because roles are cluster-wide and the shared test
/// cluster's <c>postgres</c> must stay a superuser. Demoting the bootstrap superuser is allowed up to PostgreSQL 15
/// (the version installed here); PostgreSQL 16 refuses it.
/// </summary>
public sealed class SupabaseCluster
{
    private const string AdminPassword = "supabase-admin-test-password";
    private static readonly Lazy<Task<SupabaseCluster>> s_instance = new(StartAsync);
    private readonly string _postgresUrl;

    private SupabaseCluster(string postgresUrl, NpgsqlDataSource admin)
    {
        _postgresUrl = postgresUrl;
        Admin = admin;
    }

    /// <summary>supabase_admin on the cluster's <c>postgres</c> database: the real superuser.</summary>
    public NpgsqlDataSource Admin { get; }

    public static Task<SupabaseCluster> GetAsync() => s_instance.Value;

    /// <summary>A new Supabase-shaped project database, owned by <c>postgres</c> as on Supabase.</summary>
    public async Task<SupabaseProject> CreateProjectAsync()
    {
        var name = "project_" + Guid.NewGuid().ToString("N")[..12];
        await using (var create = Admin.CreateCommand($"create database {name} owner postgres"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var admin = NpgsqlDataSource.Create(ConnectionString(name, "supabase_admin", AdminPassword));
        await using (var shape = admin.CreateCommand(ReadSql("supabase-database.sql")))
        {
            await shape.ExecuteNonQueryAsync();
        }

        var owner = new NpgsqlConnectionStringBuilder(SyncOpsDatabase.ConnectionString(_postgresUrl, "syncops-supabase-tests"))
        {
            Database = name,
        };
        return new SupabaseProject(owner.ConnectionString, admin);
    }

    private static async Task<SupabaseCluster> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncops-supabase-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var url = await new EmbeddedPostgres(directory, durable: false).StartAsync();
        await using (var bootstrap = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-supabase-tests")))
        await using (var command = bootstrap.CreateCommand($"create role supabase_admin superuser login password '{AdminPassword}'"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var cluster = new SupabaseCluster(url, NpgsqlDataSource.Create(ConnectionStringFor(url, "postgres", "supabase_admin", AdminPassword)));
        await using (var roles = cluster.Admin.CreateCommand(ReadSql("supabase-roles.sql")))
        {
            await roles.ExecuteNonQueryAsync();
        }

        await SyncOps.Testing.ClusterWatchdog.StopWhenProcessEndsAsync(cluster.Admin, directory);
        return cluster;
    }

    private string ConnectionString(string database, string user, string password) =>
        ConnectionStringFor(_postgresUrl, database, user, password);

    private static string ConnectionStringFor(string url, string database, string user, string password) =>
        new NpgsqlConnectionStringBuilder(SyncOpsDatabase.ConnectionString(url, "syncops-supabase-tests"))
        {
            Database = database,
            Username = user,
            Password = password,
        }.ConnectionString;

    private static string ReadSql(string name)
    {
        var assembly = typeof(SupabaseCluster).Assembly;
        using var stream = assembly.GetManifestResourceStream("SupabaseFixture." + name)
            ?? throw new InvalidOperationException($"embedded fixture SQL '{name}' does not exist");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
