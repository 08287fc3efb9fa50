using SyncOps.Server.Auth;

namespace SyncOps.Server.Dashboard.Users;

/// <summary>The signed-in dashboard user: the identity every query runs as (so RLS decides), and the user's id.</summary>
internal sealed record DashboardUser(RequestIdentity Identity, Guid UserId);
