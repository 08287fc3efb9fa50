namespace SyncOps.Server.Auth;

/// <summary>Who a request runs as: the database role and the JWT claims (JSON, with "role") for request.jwt.claims.</summary>
internal sealed record RequestIdentity(string Role, string ClaimsJson)
{
    public static readonly RequestIdentity Anonymous = new(RoleNames.Anon, """{"role":"anon"}""");

    public bool IsAnonymous => Role == RoleNames.Anon;
}
