using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Connectors.Http;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Simulators.Odoo;
using SyncOps.Simulators.WooCommerce;
using SyncOps.Tracking;

namespace SyncOps.Tests.Infrastructure;

/// <summary>
/// Base for engine tests: the real test cluster, the library wired as the CLI wires it (with short retry delays and
/// intervals so faults cost milliseconds), a fresh organisation per test, and simulators started per test.
/// </summary>
public abstract class EngineTest : DatabaseTest, IAsyncLifetime
{
    /// <summary>One key per test run, shared with CLI processes the tests spawn.</summary>
    public static readonly string SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly List<IAsyncDisposable> _owned = [];
    private ServiceProvider? _services;

    protected string OrgId { get; } = TestDatabase.NewOrgId();

    protected static SourceHttpOptions FastHttp => new()
    {
        PageSize = 25,
        MaxRetries = 4,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryAfter = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(2),
        Prefetch = 3,
    };

    protected static EngineOptions FastEngine => new()
    {
        WriteBatchSize = 100,
        CancelPollInterval = TimeSpan.FromMilliseconds(100),
        HeartbeatInterval = TimeSpan.FromSeconds(1),
        DatabaseRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    protected IServiceProvider Services => _services ??= BuildServices(DataSource, FastHttp, FastEngine);

    protected SyncEngine Engine => Services.GetRequiredService<SyncEngine>();

    protected SyncTracker Tracker => Services.GetRequiredService<SyncTracker>();

    public static ServiceProvider BuildServices(NpgsqlDataSource dataSource, SourceHttpOptions http, EngineOptions engine) =>
        new ServiceCollection()
            .AddSingleton(http)
            .AddSingleton(engine)
            .AddSingleton(new SecretProtector(Convert.FromBase64String(SecretKey)))
            .AddSyncOps(new SyncOpsSettings(null, Path.GetTempPath()), dataSource)
            .BuildServiceProvider();

    protected async Task<WooCommerceSimulator> StartWooAsync(SimulatorOptions options)
    {
        var simulator = await WooCommerceSimulator.StartAsync(options);
        _owned.Add(simulator);
        return simulator;
    }

    protected async Task<OdooSimulator> StartOdooAsync(SimulatorOptions options)
    {
        var simulator = await OdooSimulator.StartAsync(options);
        _owned.Add(simulator);
        return simulator;
    }

    protected Task<Connection> AddWooAsync(WooCommerceSimulator simulator, string? secret = null) =>
        Services.GetRequiredService<ConnectionStore>().AddAsync(new NewConnection(OrgId, "woocommerce", simulator.BaseUrl,
            new ConnectionSecrets(simulator.Options.ConsumerKey, secret ?? simulator.Options.ConsumerSecret)));

    protected Task<Connection> AddOdooAsync(OdooSimulator simulator, string? apiKey = null, string? protocol = null) =>
        Services.GetRequiredService<ConnectionStore>().AddAsync(new NewConnection(OrgId, "odoo", simulator.BaseUrl,
            new ConnectionSecrets(null, apiKey ?? simulator.Options.OdooApiKey), DatabaseName: simulator.Options.OdooDatabase, Login: simulator.Options.OdooLogin,
            OdooProtocol: protocol));

    protected async Task<long> CountAsync(string table, string? where = null) =>
        (await ScalarAsync<long>($"select count(*) from public.{table} where org_id = $1" + (where is null ? "" : " and " + where), OrgId));

    protected async Task<List<string>> ActivityAsync(string syncId)
    {
        var rows = new List<string>();
        await using var command = DataSource.CreateCommand("select action from public.sync_activity_log where org_id = $1 and sync_id = $2 order by id");
        command.Parameters.Add(new NpgsqlParameter { Value = OrgId });
        command.Parameters.Add(new NpgsqlParameter { Value = syncId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
