namespace SyncOps.Alerts;

/// <summary>How many incidents one evaluation opened and resolved (each with its one message queued).</summary>
public sealed record IncidentChanges(int Opened, int Resolved);
