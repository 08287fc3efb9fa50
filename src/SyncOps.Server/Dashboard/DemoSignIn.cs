namespace SyncOps.Server.Dashboard;

/// <summary>
/// The one-click demo sign-in: <c>GET /demo-login</c> signs in as the demo user (<see cref="Email"/>, which
/// <c>syncops demo</c> creates) and opens the dashboard. It only exists on the embedded default database, where the
/// server, its data and the person at the keyboard are all on this machine.
/// </summary>
internal static class DemoSignIn
{
    public const string Email = "demo@example.com";
    public const string Path = "/demo-login";

    /// <summary>The URL <c>syncops demo</c> prints, for a server listening at <paramref name="serverUrl"/>.</summary>
    public static string Url(string serverUrl) => serverUrl.TrimEnd('/') + Path;
}
