namespace SyncOps.Security;

/// <summary>
/// Who a connection acts as and under which limits: the database role and the JWT claims (JSON) that row-level
/// security reads through <c>auth.uid()</c>, <c>auth.jwt()</c> and <c>auth.org_ids()</c>, as PostgREST sets them
/// (protocol reference §8.1). <see cref="UserSession"/> applies it.
/// </summary>
public sealed record UserContext(string Role, string ClaimsJson)
{
    /// <summary>Supabase's statement timeout for the <c>authenticated</c> role.</summary>
    public static readonly TimeSpan DefaultStatementTimeout = TimeSpan.FromSeconds(8);

    /// <summary>How long one statement may run before PostgreSQL cancels it (57014): a user never holds a backend forever.</summary>
    public TimeSpan StatementTimeout { get; init; } = DefaultStatementTimeout;

    /// <summary>A READ ONLY transaction (PostgREST's GET and HEAD): a function that writes fails with 25006.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The HTTP method, in <c>request.method</c> as PostgREST sets it; null (unset) outside a REST request.</summary>
    public string? Method { get; init; }

    /// <summary>The HTTP path, in <c>request.path</c> as PostgREST sets it; null (unset) outside a REST request.</summary>
    public string? Path { get; init; }
}
