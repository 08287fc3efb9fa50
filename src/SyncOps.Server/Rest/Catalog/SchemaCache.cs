using Npgsql;

namespace SyncOps.Server.Rest.Catalog;

/// <summary>
/// PostgREST's schema cache: exposed tables and functions, loaded at start and reloaded on demand when a request names
/// something it does not know (at most once a second), so tables the sync engine adds later appear without a restart.
/// </summary>
public sealed class SchemaCache(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IDisposable
{
    private static readonly TimeSpan s_minimumReloadInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private volatile Snapshot _snapshot = new([], [], DateTimeOffset.MinValue);

    public IReadOnlyCollection<string> TableNames => _snapshot.Tables.Keys;

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var tables = await CatalogLoader.LoadTablesAsync(dataSource, cancellationToken);
        var functions = await CatalogLoader.LoadFunctionsAsync(dataSource, cancellationToken);
        _snapshot = new Snapshot(tables, functions, timeProvider.GetUtcNow());
    }

    public async Task<TableInfo?> FindTableAsync(string name, CancellationToken cancellationToken) =>
        _snapshot.Tables.GetValueOrDefault(name)
        ?? (await ReloadIfStaleAsync(cancellationToken)).Tables.GetValueOrDefault(name);

    public async Task<IReadOnlyList<FunctionInfo>> FindFunctionsAsync(string name, CancellationToken cancellationToken) =>
        _snapshot.Functions.GetValueOrDefault(name)
        ?? (await ReloadIfStaleAsync(cancellationToken)).Functions.GetValueOrDefault(name)
        ?? (IReadOnlyList<FunctionInfo>)[];

    /// <summary>A table known to lack a column the request names may have gained it since the last load.</summary>
    public async Task<TableInfo> RefreshAsync(TableInfo table, CancellationToken cancellationToken) =>
        (await ReloadIfStaleAsync(cancellationToken)).Tables.GetValueOrDefault(table.Name) ?? table;

    public string? SuggestTable(string name) =>
        _snapshot.Tables.Keys.FirstOrDefault(t => name.EndsWith("." + t, StringComparison.Ordinal)
            || t.Contains(name, StringComparison.Ordinal) || name.Contains(t, StringComparison.Ordinal));

    private async Task<Snapshot> ReloadIfStaleAsync(CancellationToken cancellationToken)
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

    private sealed record Snapshot(
        Dictionary<string, TableInfo> Tables, Dictionary<string, List<FunctionInfo>> Functions, DateTimeOffset LoadedAt);

    public void Dispose() => _reloadLock.Dispose();
}
