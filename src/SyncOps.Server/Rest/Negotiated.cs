namespace SyncOps.Server.Rest;

/// <summary>The answer's shape <see cref="MediaTypes.Negotiate"/> chose (PostgREST's MediaType.hs, v12).</summary>
internal sealed record Negotiated(bool Single, bool Csv, bool StripNulls, PlanRequest? Plan)
{
    public static Negotiated Array { get; } = new(false, false, false, null);

    /// <summary>The Content-Type of a body of rows in this shape.</summary>
    public string ContentType =>
        Csv ? MediaTypes.Csv
        : Single ? StripNulls ? MediaTypes.SingleObjectStripped : MediaTypes.SingleObject
        : StripNulls ? MediaTypes.ArrayStripped : MediaTypes.Json;
}
