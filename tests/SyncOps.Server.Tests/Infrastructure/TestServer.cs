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

    private TestServer(NpgsqlDataSource dataSource, WebApplication app, Uri baseAddress)
    {
        DataSource = dataSource;
        App = app;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Issuer = new JwtIssuer(Secret, TimeProvider.System);
    }

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
        var dataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-server-tests"));
        await new Migrator(dataSource).MigrateAsync();
        var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataSource = dataSource,
            JwtSecret = Secret,
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            app.StopAsync().GetAwaiter().GetResult();
            dataSource.Dispose();
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        };
        return new TestServer(dataSource, app, new Uri(app.Urls.First()));
    }
}
