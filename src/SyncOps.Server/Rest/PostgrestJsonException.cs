using System.Text.Json.Nodes;

using SyncOps.Server.Errors;

namespace SyncOps.Server.Rest;

/// <summary>
/// A PostgREST error whose <c>details</c> is JSON rather than text: PGRST201 lists the candidate relationships as an
/// array of objects (Error.hs <c>compressedRel</c>).
/// </summary>
internal sealed class PostgrestJsonException(PostgrestError error, JsonNode details) : Exception(error.Message)
{
    public PostgrestError Error { get; } = error;

    public JsonNode Details { get; } = details;
}
