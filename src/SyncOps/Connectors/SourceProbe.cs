namespace SyncOps.Connectors;

/// <summary>What <c>connection test</c> reports: the source reached, its version when it says, and its totals.</summary>
public sealed record SourceProbe(string SourceSystem, string? Version, IReadOnlyDictionary<string, int> Totals);
