using Npgsql;

namespace SyncOps.Server.Rest.Catalog;

/// <summary>
/// PostgREST's schema cache: exposed relations, foreign keys and functions of the exposed schemas, loaded at start and
/// reloaded on demand when a request names something it does not know (at most once a second), so tables the sync
/// engine adds later appear without a restart.
/// </summary>
internal sealed class SchemaCache(NpgsqlDataSource dataSource, RestOptions options, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan s_minimumReloadInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private volatile CatalogSnapshot _snapshot = new(
        new Dictionary<string, TableInfo>(), new Dictionary<string, List<FunctionInfo>>(), [], DateTimeOffset.MinValue);

    /// <summary>The exposed schemas; the first is the default when no profile header names one.</summary>
    public IReadOnlyList<string> Schemas => options.Schemas;

    public CatalogSnapshot Snapshot => _snapshot;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var tables = await CatalogLoader.LoadTablesAsync(dataSource, Schemas, options.ExposeAll, cancellationToken);
        var keys = await CatalogLoader.LoadForeignKeysAsync(dataSource, Schemas, cancellationToken);
        var functions = await CatalogLoader.LoadFunctionsAsync(dataSource, Schemas, cancellationToken);
        ComputedFields.Attach(tables, functions);
        // Only keys between two exposed relations can be embedded.
        keys.RemoveAll(k => !tables.ContainsKey(CatalogSnapshot.Key(k.Schema, k.Table))
                            || !tables.ContainsKey(CatalogSnapshot.Key(k.Schema, k.ForeignTable)));
        _snapshot = new CatalogSnapshot(tables, functions, keys, timeProvider.GetUtcNow());
    }

    public async Task<TableInfo?> FindTableAsync(string schema, string name, CancellationToken cancellationToken) =>
        _snapshot.FindTable(schema, name)
        ?? (await ReloadIfStaleAsync(cancellationToken)).FindTable(schema, name);

    public async Task<IReadOnlyList<FunctionInfo>> FindFunctionsAsync(string schema, string name, CancellationToken cancellationToken) =>
        _snapshot.Functions.GetValueOrDefault(CatalogSnapshot.Key(schema, name))
        ?? (await ReloadIfStaleAsync(cancellationToken)).Functions.GetValueOrDefault(CatalogSnapshot.Key(schema, name))
        ?? (IReadOnlyList<FunctionInfo>)[];

    /// <summary>A table known to lack a column the request names may have gained it since the last load.</summary>
    public async Task<TableInfo> RefreshAsync(TableInfo table, CancellationToken cancellationToken) =>
        (await ReloadIfStaleAsync(cancellationToken)).FindTable(table.Schema, table.Name) ?? table;

    public string? SuggestTable(string schema, string name) =>
        _snapshot.Tables.Values.Where(t => t.Schema == schema).Select(t => t.Name)
            .FirstOrDefault(t => name.EndsWith("." + t, StringComparison.Ordinal)
                                 || t.Contains(name, StringComparison.Ordinal) || name.Contains(t, StringComparison.Ordinal));

    private async Task<CatalogSnapshot> ReloadIfStaleAsync(CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            if (timeProvider.GetUtcNow() - _snapshot.LoadedAt >= s_minimumReloadInterval)
            {
                await ReloadAsync(cancellationToken);
            }

            return _snapshot;
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public void Dispose() => _reloadLock.Dispose();
}
