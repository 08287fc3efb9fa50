namespace SyncOps.Engine;

/// <summary>What <see cref="RecordWriter.ApplyPushedAsync"/> changed: the external ids written and those marked deleted.</summary>
public sealed record PushedWrite(IReadOnlySet<string> Written, IReadOnlySet<string> Deleted);
