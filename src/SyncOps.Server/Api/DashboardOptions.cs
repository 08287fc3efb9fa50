using SyncOps.Server.Live;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Api;

/// <summary>The dashboard's settings (part of <see cref="SyncOpsServerOptions"/>).</summary>
public sealed class DashboardOptions
{
    /// <summary>Offer <see cref="DemoSignIn"/>; null: only on the embedded default database.</summary>
    public bool? DemoSignIn { get; set; }

    /// <summary>How long a dashboard session (its cookie and the token in it) lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public LiveOptions Live { get; set; } = new();

    public WorkerOptions Workers { get; set; } = new();
}
