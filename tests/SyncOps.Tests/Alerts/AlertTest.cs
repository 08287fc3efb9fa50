using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SyncOps.Alerts;
using SyncOps.Connections;

namespace SyncOps.Tests.Alerts;

/// <summary>
/// Base for alert tests: the library's own alert wiring (<see cref="AlertsServiceCollectionExtensions"/>) on a fake
/// clock that starts at the database's time (schedule rules compare the clock with rows the database stamped), no
/// delay between retries, and finished syncs written as rows the way a worker leaves them.
/// </summary>
public abstract class AlertTest(AlertsDatabase database) : IClassFixture<AlertsDatabase>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private int _syncs;

    protected FakeTimeProvider Clock { get; } = new();

    protected string OrgId { get; } = TestDatabase.NewOrgId();

    protected NpgsqlDataSource DataSource => database.DataSource;

    protected virtual AlertOptions Options => new() { RetryDelay = TimeSpan.Zero, Retries = 2, RedeliveryDelay = TimeSpan.FromMinutes(1) };

    protected AlertChannels Channels => _services.GetRequiredService<AlertChannels>();

    protected AlertRules Rules => _services.GetRequiredService<AlertRules>();

    protected AlertLog Log => _services.GetRequiredService<AlertLog>();

    protected AlertEvaluator Evaluator => _services.GetRequiredService<AlertEvaluator>();

    protected AlertSender Sender => _services.GetRequiredService<AlertSender>();

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        Clock.SetUtcNow(new DateTimeOffset((await ScalarAsync<DateTime>("select now()")), TimeSpan.Zero));
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(DataSource)
            .AddSingleton(new SecretProtector(RandomNumberGenerator.GetBytes(32)))
            .AddSingleton(Options)
            .AddLogging()
            .AddSyncOpsAlerts()
            .BuildServiceProvider();
        await ExecuteAsync("insert into public.organizations (org_id, name) values ($1, $1) on conflict do nothing", OrgId);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    protected async Task<(Guid ChannelId, string? Secret)> AddChannelAsync(AlertReceiver receiver, string kind = AlertChannels.Webhook, string? orgId = null)
    {
        var (channel, secret) = await Channels.AddAsync(new NewAlertChannel(orgId ?? OrgId, kind, receiver.Url.AbsoluteUri));
        return (channel.Id, secret);
    }

    protected async Task<Guid> AddConnectionAsync(string? orgId = null)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id, name) values ($1, $1) on conflict do nothing", orgId ?? OrgId);
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId ?? OrgId);
        return id;
    }

    /// <summary>
    /// A finished sync of the connection's entity, later than every one before it, as the engine leaves it (status,
    /// counts, speed, metadata.connection_id). Written with triggers off so that the test sets its speed exactly.
    /// </summary>
    protected async Task<string> FinishedSyncAsync(
        Guid connectionId, string status, int processed = 100, int failed = 0, decimal speed = 600, string entity = "customer", string? error = null)
    {
        var syncId = $"sync-{++_syncs}";
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "set local session_replication_role = replica");
        await Sql.ExecuteAsync(connection,
            """
            insert into public.sync_progress (org_id, sync_id, entity_type, source_system, status, total_items, processed_count,
                                              failed_count, error_message, metadata, started_at, completed_at, speed_items_per_min)
            values ($1, $2, $3, 'woocommerce', $4, $5 + $6, $5, $6, $7, jsonb_build_object('connection_id', $8::text),
                    now() - interval '1 day' + make_interval(mins => $9), now() - interval '1 day' + make_interval(mins => $9 + 1), $10)
            """,
            OrgId, syncId, entity, status, processed, failed, (object?)error ?? DBNull.Value, connectionId.ToString(), _syncs, speed);
        await transaction.CommitAsync();
        return syncId;
    }

    protected async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Sql.ExecuteAsync(connection, sql, parameters);
    }

    protected async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Sql.ScalarAsync<T>(connection, sql, parameters);
    }

    /// <summary>One evaluator pass, which must not be skipped: nothing else runs one in this class's database.</summary>
    protected async Task<AlertPass> PassAsync() => await Evaluator.RunOnceAsync() ?? throw new InvalidOperationException("the pass was skipped");
}
