using SyncOps.Connections;

namespace SyncOps.Cli.Commands;

/// <summary>
/// The demo's connections, found by name and source in its organisation: an existing one is pointed at this run's
/// simulated store (which listens on a new port each time), so that a second run keeps the ids, checkpoints, schedules
/// and rows of the first instead of adding connections to stores that no longer exist.
/// </summary>
internal sealed class DemoConnections(ConnectionStore store, string orgId)
{
    private IReadOnlyList<Connection>? _existing;
    private int _added;
    private int _reused;

    public string Summary => $"{_reused} reused, {_added} added";

    public async Task<Connection> BindAsync(NewConnection wanted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        _existing ??= await store.ListAsync(orgId, ct);
        // The oldest of that name: the one the first demo run made (and whose rows and schedule the dashboard shows).
        if (_existing.FirstOrDefault(c => c.Name == wanted.Name && c.SourceSystem == wanted.SourceSystem) is { } found)
        {
            _reused++;
            return await store.RebindAsync(orgId, found.Id, wanted.BaseUrl, wanted.Secrets, ct);
        }

        _added++;
        return await store.AddAsync(wanted, ct);
    }
}
