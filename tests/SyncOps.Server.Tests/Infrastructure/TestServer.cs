using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Server;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Tests.Infrastructure;

/// <summary>
/// One throw-away PostgreSQL cluster and one real server (Kestrel on 127.0.0.1, a free port) per test run, built by the
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

    public JwtIssuer Issuer { get; }

    public static Task<TestServer> GetAsync() => s_instance.Value;

    private static async Task<TestServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "syncops-server-tests-" + Guid.NewGuid().ToString("N")[..8]);
        var cluster = new EmbeddedPostgres(directory, durable: false);
        var url = await cluster.StartAsync();
        var dataSource = NpgsqlDataSource.Create(SyncOpsServer.ServerConnectionString(url));
        await new Migrator(dataSource).MigrateAsync();
        var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataSource = dataSource,
            JwtSecret = Secret,
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        // When the test host exits, stop the cluster. Only a signal, sent at once: the test host is torn down quickly,
        // and awaiting pg_ctl or Kestrel's shutdown from here left clusters running after the run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => SignalPostmaster(directory);
        return new TestServer(url, dataSource, app, new Uri(app.Urls.First()));
    }

    /// <summary>Fast shutdown (SIGINT) of the cluster's postmaster, read from postmaster.pid.</summary>
    private static void SignalPostmaster(string directory)
    {
        var pidFile = Directory.EnumerateFiles(directory, "postmaster.pid", SearchOption.AllDirectories).FirstOrDefault();
        if (pidFile is null || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            return;
        }

        using var kill = System.Diagnostics.Process.Start("kill", ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit(2000);
    }
}
