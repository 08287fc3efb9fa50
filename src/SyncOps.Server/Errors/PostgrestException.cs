namespace SyncOps.Server.Errors;

/// <summary>Carries a <see cref="PostgrestError"/> from wherever a request is found wrong to the one place that answers.</summary>
internal sealed class PostgrestException(PostgrestError error) : Exception(error.Message)
{
    public PostgrestError Error { get; } = error;
}
