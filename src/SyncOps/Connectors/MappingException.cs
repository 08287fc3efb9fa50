namespace SyncOps.Connectors;

/// <summary>A record whose fields cannot be read into the canonical table (a date that is no date, a price that is no number).</summary>
public sealed class MappingException : Exception
{
    public MappingException(string message) : base(message) { }

    public MappingException() { }

    public MappingException(string message, Exception innerException) : base(message, innerException) { }
}
