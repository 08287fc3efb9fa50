using SyncOps.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;
using SyncOps.Database;
using SyncOps.Server.Rest;
using SyncOps.Server.Tests.Infrastructure;

namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// A second server for the conformance suite: its own database (created in the test cluster, migrated, then given
/// <see cref="ConformanceSchema"/>), exposing schemas <c>public</c> and <c>reports</c>, aggregates and plans enabled.
/// Started once per run.
/// </summary>
public sealed class ConformanceServer
{
    private static readonly Lazy<Task<ConformanceServer>> s_instance = new(StartAsync);

    private ConformanceServer(NpgsqlDataSource dataSource, WebApplication app)
    {
        DataSource = dataSource;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        var issuer = new SyncOps.Server.Auth.JwtIssuer(TestServer.Secret, TimeProvider.System);
        AcmeToken = issuer.UserToken(AcmeUser, TimeSpan.FromHours(2));
        AnonKey = issuer.AnonKey();
    }

    /// <summary>A member of organisation <c>acme</c>.</summary>
    public static Guid AcmeUser { get; } = Guid.Parse("a11ce000-0000-4000-8000-000000000001");

    public NpgsqlDataSource DataSource { get; }

    public HttpClient Http { get; }

    public string AcmeToken { get; }

    public string AnonKey { get; }

    public static Task<ConformanceServer> GetAsync() => s_instance.Value;

    private static async Task<ConformanceServer> StartAsync()
    {
        var main = await TestServer.GetAsync();
        var database = "conformance_" + Guid.NewGuid().ToString("N")[..8];
        await using (var create = main.DataSource.CreateCommand($"create database {database}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(SyncOpsServer.ServerConnectionString(main.DatabaseUrl)) { Database = database };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await new Migrator(dataSource).MigrateAsync();
        await using (var schema = dataSource.CreateCommand(ConformanceSchema.Sql))
        {
            await schema.ExecuteNonQueryAsync();
        }

        await using (var features = dataSource.CreateCommand(ConformanceFeatures.Sql))
        {
            await features.ExecuteNonQueryAsync();
        }

        await using (var user = dataSource.CreateCommand("insert into syncops_auth.users_extended (id, org_id) values ($1, 'acme')"))
        {
            user.Parameters.Add(new NpgsqlParameter { Value = AcmeUser });
            await user.ExecuteNonQueryAsync();
        }

        var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Urls = "http://127.0.0.1:0",
            DataSource = dataSource,
            Settings = new SyncOpsSettings(main.DatabaseUrl, Path.GetTempPath()) { JwtSecret = TestServer.Secret },
            MinimumLogLevel = LogLevel.Warning,
            // Aggregates and plans on, as an operator opts in (off by default: tests on the main server check that).
            Rest = new RestOptions { Schemas = ["public", "reports"], AggregatesEnabled = true, PlanEnabled = true },
        });
        await app.StartAsync();
        return new ConformanceServer(dataSource, app);
    }
}
