namespace SyncOps.Server.Auth;

/// <summary>The only database roles a request may run as (migration 0001 creates them, as Supabase has them).</summary>
internal static class RoleNames
{
    public const string Anon = "anon";
    public const string Authenticated = "authenticated";
    public const string ServiceRole = "service_role";

    /// <summary>
    /// PostgREST would switch to any role the connecting role may become; the embedded database connects as a
    /// superuser, so a token naming "postgres" would escape RLS. Only these three are accepted.
    /// </summary>
    public static bool IsAllowed(string role) => role is Anon or Authenticated or ServiceRole;
}
