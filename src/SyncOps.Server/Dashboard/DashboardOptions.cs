using SyncOps.Security;
using SyncOps.Server.Dashboard.Live;
using SyncOps.Server.Workers;

namespace SyncOps.Server.Dashboard;

/// <summary>The dashboard's settings (part of <see cref="SyncOpsServerOptions"/>).</summary>
internal sealed class DashboardOptions
{
    /// <summary>Offer <see cref="DemoSignIn"/>; null: only on the embedded default database.</summary>
    public bool? DemoSignIn { get; set; }

    /// <summary>How long a dashboard session (its cookie and the token in it) lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long one of the dashboard's queries may run as the user, like a REST request's (Supabase's 8 s).</summary>
    public TimeSpan StatementTimeout { get; set; } = UserContext.DefaultStatementTimeout;

    public LiveOptions Live { get; set; } = new();

    public WorkerOptions Workers { get; set; } = new();
}
