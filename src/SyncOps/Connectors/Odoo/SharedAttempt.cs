namespace SyncOps.Connectors.Odoo;

/// <summary>
/// A task started on first use and shared by every caller after it (the JSON-RPC login, the protocol probe), unless it
/// failed or was cancelled: then the next caller starts it again, so one bad moment does not stick for the connector's life.
/// </summary>
internal sealed class SharedAttempt<T>
{
    private readonly Lock _lock = new();
    private Task<T>? _task;

    public Task<T> GetAsync(Func<CancellationToken, Task<T>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (_lock)
        {
            if (_task is null || _task.IsFaulted || _task.IsCanceled)
            {
                _task = start(cancellationToken);
            }

            return _task;
        }
    }
}
