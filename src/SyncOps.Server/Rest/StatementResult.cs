namespace SyncOps.Server.Rest;

/// <summary>What a statement returned: the exact total when counted, the rows read or written, the JSON body.</summary>
internal sealed record StatementResult(long? Total, long Rows, string? Body);
