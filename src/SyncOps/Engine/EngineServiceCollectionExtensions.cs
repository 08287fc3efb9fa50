using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Connectors.Http;

namespace SyncOps.Engine;

/// <summary>The engine's part of <c>AddSyncOps</c>: connections, connectors with their HTTP pipeline, engine, queue, worker.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>Registers the engine. Options already registered (by a test or a host) win over the defaults.</summary>
    public static IServiceCollection AddSyncOpsEngine(this IServiceCollection services)
    {
        services.AddLogging();
        // AddSyncOps registers the protector from the settings; a host that calls this alone registers its own first.
        services.TryAddSingleton(sp => SecretProtector.FromSettings(sp.GetRequiredService<SyncOpsSettings>()));
        services.TryAddSingleton(new SourceHttpOptions());
        services.TryAddSingleton(new EngineOptions());
        services.AddSingleton<ConnectionStore>();
        services.AddSingleton<ConnectorFactory>();
        services.AddSingleton<CheckpointStore>();
        services.AddSingleton<RecordWriter>();
        services.AddSingleton<SyncEngine>();
        services.AddSingleton<SyncJobs>();
        services.AddSingleton<SyncWorker>();
        services.AddSourceHttpClients();
        return services;
    }
}
