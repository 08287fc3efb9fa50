namespace SyncOps.Engine;

/// <summary>
/// Batch writes in flight on up to <c>writers</c> connections at once, finished strictly in the order they started.
/// Each write is handed the previous write's task and commits only after it (see <see cref="RecordWriter"/>), so the
/// checkpoint committed last never passes a batch that is not committed: a kill -9 at any point resumes from the last
/// committed batch with nothing lost. <typeparamref name="T"/> is what the scan needs back when a batch is done.
/// </summary>
internal sealed class OrderedWrites<T>(int writers)
{
    private readonly Queue<(Task<WriteOutcome> Write, T State)> _pending = new();
    private Task _last = Task.CompletedTask;

    /// <summary>Every started write has finished (a new batch would be written at once, not queued behind others).</summary>
    public bool Idle => _pending.All(p => p.Write.IsCompleted);

    public bool Full => _pending.Count >= Math.Max(1, writers);

    public bool OldestDone => _pending.Count > 0 && _pending.Peek().Write.IsCompleted;

    public int Count => _pending.Count;

    /// <summary>Starts a write; <paramref name="write"/> receives the task its commit must wait for.</summary>
    public void Start(Func<Task, Task<WriteOutcome>> write, T state)
    {
        ArgumentNullException.ThrowIfNull(write);
        var task = write(_last);
        _last = task;
        _pending.Enqueue((task, state));
    }

    /// <summary>Waits for the oldest write (its failure throws here, before any later write's).</summary>
    public async Task<(WriteOutcome Outcome, T State)> NextAsync()
    {
        var (write, state) = _pending.Peek();
        try
        {
            return (await write, state);
        }
        finally
        {
            _pending.Dequeue();
        }
    }

    /// <summary>
    /// After a failure: waits for the writes still running so none commits after the run ended. Their own errors
    /// (they roll back once an earlier one failed) are not the cause and are dropped.
    /// </summary>
    public async Task AbandonAsync()
    {
        while (_pending.TryDequeue(out var pending))
        {
            try
            {
                await pending.Write;
            }
#pragma warning disable CA1031 // the first failure is already on its way to the caller
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
