namespace SyncOps.Server.Workers;

/// <summary>Wakes idle sync workers when a job is queued (NOTIFY syncops_jobs), so a queued sync starts at once.</summary>
internal sealed class WorkerSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        // Enough permits for every idle loop; extra ones only cause a spare empty claim.
        if (_signal.CurrentCount < 16)
        {
            _signal.Release();
        }
    }

    public void Dispose() => _signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
