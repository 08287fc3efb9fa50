using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Configuration;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Tests.Infrastructure;

/// <summary>
/// The run's throw-away PostgreSQL cluster and one real server (Kestrel on 127.0.0.1, a free port) per test run, built by the
/// same <see cref="SyncOpsServer.BuildAsync"/> as <c>syncops serve</c>. Tests isolate themselves by organisation id.
/// </summary>
public sealed class TestServer
{
    public const string Secret = "test-secret-test-secret-test-secret-0123456789";
    private static readonly Lazy<Task<TestServer>> s_instance = new(StartAsync);

    private TestServer(string databaseUrl, NpgsqlDataSource dataSource, WebApplication app, Uri baseAddress)
    {
        DatabaseUrl = databaseUrl;
        DataSource = dataSource;
        App = app;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Issuer = new JwtIssuer(Secret, TimeProvider.System);
    }

    /// <summary>The test cluster's URL (superuser), for tests that need a database of their own in it.</summary>
    public string DatabaseUrl { get; }

    /// <summary>A superuser data source: bypasses RLS, to arrange data and to check what really happened.</summary>
    public NpgsqlDataSource DataSource { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    internal JwtIssuer Issuer { get; }

    public static Task<TestServer> GetAsync() => s_instance.Value;

    private static async Task<TestServer> StartAsync()
    {
        // The run's one throw-away cluster (SyncOps.Testing), already migrated; the server gets its own data source
        // with the server's connection settings, as `syncops serve` would.
        var database = await TestDatabase.GetAsync();
        var dataSource = NpgsqlDataSource.Create(SyncOpsServer.ServerConnectionString(database.Url));
        var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Settings = new SyncOpsSettings(database.Url, database.Cluster.DataDirectory) { JwtSecret = Secret },
            Urls = "http://127.0.0.1:0",
            DataSource = dataSource,
            MinimumLogLevel = LogLevel.Warning,
            // Every test signs in from 127.0.0.1; the per-account limit is what the rate-limit test checks.
            GoTrue = new SyncOps.Server.GoTrue.GoTrueOptions { SignInsPerAddress = 10_000 },
            // The REST tests count rows that the automatic upkeep would sweep (expired cache) at any moment; the
            // scheduler and upkeep loops are tested on their own (Workers/OperationsWorkersTests).
            Dashboard = new SyncOps.Server.Dashboard.DashboardOptions
            {
                Workers = new SyncOps.Server.Workers.WorkerOptions { SchedulerInterval = TimeSpan.Zero, UpkeepInterval = TimeSpan.Zero },
            },
        });
        await app.StartAsync();
        return new TestServer(database.Url, dataSource, app, new Uri(app.Urls.First()));
    }
}
