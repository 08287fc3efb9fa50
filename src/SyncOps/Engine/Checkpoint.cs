namespace SyncOps.Engine;

/// <summary>Where the next run of (organisation, connection, entity) starts: the watermark, or the unfinished run.</summary>
public sealed record Checkpoint(DateTimeOffset? Watermark, RunState? Run);
