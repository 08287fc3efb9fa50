namespace SyncOps;

/// <summary>
/// An error SyncOps explains itself: the CLI prints its message as one line, the API maps it to PostgREST's error shape.
/// </summary>
public class SyncOpsException : Exception
{
    public SyncOpsException(string message) : base(message) { }

    public SyncOpsException(string message, Exception innerException) : base(message, innerException) { }

    public SyncOpsException() { }
}
