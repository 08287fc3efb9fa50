namespace SyncOps.Server.Realtime;

/// <summary>Realtime's settings, read once at the server's start (<c>SyncOpsSettings.RealtimeIdleTimeout</c>).</summary>
internal sealed record RealtimeOptions(TimeSpan IdleTimeout);
