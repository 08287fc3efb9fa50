namespace SyncOps.Configuration;

/// <summary>
/// Every setting SyncOps reads from its environment, read once at the edge (the CLI's and the server's start) by
/// <see cref="FromEnvironment"/> and handed down. Nothing below the edge reads the environment: a test or a host that
/// builds its own settings gets exactly what it passed.
/// </summary>
public sealed record SyncOpsSettings(string? DatabaseUrl, string DataDirectory)
{
    public const string DatabaseUrlVariable = "SYNCOPS_DATABASE_URL";
    public const string DataDirectoryVariable = "SYNCOPS_DATA_DIR";
    public const string UrlVariable = "SYNCOPS_URL";
    public const string JwtSecretVariable = "SYNCOPS_JWT_SECRET";
    public const string SecretKeyVariable = "SYNCOPS_SECRET_KEY";
    public const string PostgresBinDirectoryVariable = "SYNCOPS_PG_BINDIR";
    public const string JwksUrlVariable = "SYNCOPS_JWKS_URL";
    public const string PublishableKeysVariable = "SYNCOPS_PUBLISHABLE_KEYS";
    public const string SecretKeysVariable = "SYNCOPS_SECRET_KEYS";
    public const string AuthSignupVariable = "SYNCOPS_AUTH_SIGNUP";
    public const string JwtExpiryVariable = "SYNCOPS_JWT_EXP";
    public const string StaleAfterVariable = "SYNCOPS_STALE_AFTER";

    /// <summary>How long a running sync may stay silent before <c>serve</c>'s upkeep ends it as <c>timeout</c>.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(15);

    public const string RealtimeIdleTimeoutVariable = "SYNCOPS_REALTIME_IDLE_TIMEOUT";

    /// <summary>Phoenix's default WebSocket transport timeout; realtime-js sends a heartbeat every 25 s.</summary>
    public static readonly TimeSpan DefaultRealtimeIdleTimeout = TimeSpan.FromSeconds(60);

    public const string DbSchemasVariable = "SYNCOPS_DB_SCHEMAS";
    public const string DbAggregatesEnabledVariable = "SYNCOPS_DB_AGGREGATES_ENABLED";
    public const string DbPlanEnabledVariable = "SYNCOPS_DB_PLAN_ENABLED";
    public const string DbPreparedStatementsVariable = "SYNCOPS_DB_PREPARED_STATEMENTS";
    public const string ExposeAllVariable = "SYNCOPS_EXPOSE_ALL";

    /// <summary>Supabase's local port, so a guide user's habits carry over.</summary>
    public const string DefaultUrl = "http://127.0.0.1:54321";

    /// <summary>Where <c>serve</c> listens (<c>SYNCOPS_URL</c>); null means <see cref="DefaultUrl"/>.</summary>
    public string? Url { get; init; }

    /// <summary>The HS256 secret for API tokens (<c>SYNCOPS_JWT_SECRET</c>); null: generated once and stored.</summary>
    public string? JwtSecret { get; init; }

    /// <summary>Base64 AES-256 key for connection secrets (<c>SYNCOPS_SECRET_KEY</c>); null: the data folder's key file.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Where the PostgreSQL server programs are (<c>SYNCOPS_PG_BINDIR</c>); null: the newest one installed.</summary>
    public string? PostgresBinDirectory { get; init; }

    /// <summary>
    /// Where Supabase Auth publishes its signing keys (<c>SYNCOPS_JWKS_URL</c>, e.g.
    /// <c>https://REF.supabase.co/auth/v1/.well-known/jwks.json</c>): ES256/RS256 tokens are checked against it, and
    /// SyncOps' own <c>/auth/v1</c> is off. Null: only HS256 tokens signed with <see cref="JwtSecret"/>.
    /// </summary>
    public string? JwksUrl { get; init; }

    /// <summary>Supabase's new anon keys, <c>sb_publishable_...</c> (<c>SYNCOPS_PUBLISHABLE_KEYS</c>, comma-separated).</summary>
    public IReadOnlyList<string> PublishableKeys { get; init; } = [];

    /// <summary>Supabase's new service keys, <c>sb_secret_...</c> (<c>SYNCOPS_SECRET_KEYS</c>, comma-separated).</summary>
    public IReadOnlyList<string> SecretKeys { get; init; } = [];

    /// <summary>Whether anyone may sign up at <c>/auth/v1/signup</c> (<c>SYNCOPS_AUTH_SIGNUP=true</c>); default: only invited users.</summary>
    public bool AuthSignup { get; init; }

    /// <summary>Seconds an <c>/auth/v1</c> access token lives (<c>SYNCOPS_JWT_EXP</c>, GoTrue's JWT_EXP); null: 3600.</summary>
    public int? JwtExpirySeconds { get; init; }

    /// <summary>
    /// A running sync whose progress and heartbeat have not moved for this long is stalled and ends as <c>timeout</c>
    /// (<c>SYNCOPS_STALE_AFTER</c>: <c>60s</c>, <c>15m</c>, ...; default <see cref="DefaultStaleAfter"/>).
    /// </summary>
    public TimeSpan StaleAfter { get; init; } = DefaultStaleAfter;

    /// <summary>
    /// A <c>/realtime/v1</c> socket that sends nothing (heartbeats included) for this long is closed, as Phoenix's
    /// transport timeout does (<c>SYNCOPS_REALTIME_IDLE_TIMEOUT</c>: <c>60s</c>, <c>2m</c>, ...; default
    /// <see cref="DefaultRealtimeIdleTimeout"/>).
    /// </summary>
    public TimeSpan RealtimeIdleTimeout { get; init; } = DefaultRealtimeIdleTimeout;

    /// <summary>
    /// Schemas the REST API serves (<c>SYNCOPS_DB_SCHEMAS</c>, comma-separated, as PostgREST's <c>db-schemas</c>); the
    /// first is the default, the others are chosen with Accept-Profile/Content-Profile.
    /// </summary>
    public IReadOnlyList<string> DbSchemas { get; init; } = ["public"];

    /// <summary>
    /// Whether <c>select=</c> may use aggregates (<c>SYNCOPS_DB_AGGREGATES_ENABLED=true</c>, PostgREST's
    /// <c>db-aggregates-enabled</c>); off by default, as an aggregate over a big table is an easy way to load the database.
    /// </summary>
    public bool DbAggregatesEnabled { get; init; }

    /// <summary>
    /// Whether <c>Accept: application/vnd.pgrst.plan</c> answers the statement's EXPLAIN (<c>SYNCOPS_DB_PLAN_ENABLED=true</c>,
    /// PostgREST's <c>db-plan-enabled</c>); off by default, as plans describe the schema and its indexes.
    /// </summary>
    public bool DbPlanEnabled { get; init; }

    /// <summary>
    /// Whether the REST API prepares the statements it runs again and again (<c>SYNCOPS_DB_PREPARED_STATEMENTS</c>, on by
    /// default). Turn it off behind a connection pooler in transaction mode (PgBouncer before 1.21, Supavisor's port
    /// 6543), where a statement prepared in one transaction may be missing on the server of the next.
    /// </summary>
    public bool DbPreparedStatements { get; init; } = true;

    /// <summary>
    /// Whether the REST API also serves tables without row-level security (<c>SYNCOPS_EXPOSE_ALL=true</c>), as PostgREST
    /// serves every table its role may read, so an existing Supabase project's own tables work through SyncOps. Off by
    /// default: a table nobody protected with policies stays invisible (404 PGRST205) until the operator says so.
    /// </summary>
    public bool ExposeAll { get; init; }

    public bool UsesEmbeddedDatabase => string.IsNullOrWhiteSpace(DatabaseUrl);

    /// <summary>Where <c>serve</c> listens when no <c>--urls</c> says otherwise.</summary>
    public string ListenUrl => string.IsNullOrWhiteSpace(Url) ? DefaultUrl : Url;

    /// <summary>The settings from the process environment. Call this only at the edge (CLI and server start).</summary>
    public static SyncOpsSettings FromEnvironment() => FromVariables(Environment.GetEnvironmentVariable);

    /// <summary>The settings from any source of variables (the environment, or a test's dictionary).</summary>
    public static SyncOpsSettings FromVariables(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        string? Value(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        var dataDirectory = Value(DataDirectoryVariable);
        return new SyncOpsSettings(
            Value(DatabaseUrlVariable),
            dataDirectory is null ? Path.Combine(Environment.CurrentDirectory, ".syncops") : Path.GetFullPath(dataDirectory))
        {
            Url = Value(UrlVariable),
            JwtSecret = read(JwtSecretVariable) is { Length: > 0 } secret ? secret : null,
            SecretKey = Value(SecretKeyVariable),
            PostgresBinDirectory = Value(PostgresBinDirectoryVariable),
            JwksUrl = Value(JwksUrlVariable),
            PublishableKeys = List(Value(PublishableKeysVariable)),
            SecretKeys = List(Value(SecretKeysVariable)),
            JwtExpirySeconds = Value(JwtExpiryVariable) is { } exp
                ? int.TryParse(exp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? seconds
                    : throw new SyncOpsException($"{JwtExpiryVariable} must be a positive number of seconds, not \"{exp}\"")
                : null,
            AuthSignup = Value(AuthSignupVariable) is { } signup && (signup.Equals("true", StringComparison.OrdinalIgnoreCase) || signup == "1"),
            StaleAfter = Value(StaleAfterVariable) is { } staleAfter
                ? DurationText.Parse(staleAfter, StaleAfterVariable)
                : DefaultStaleAfter,
            RealtimeIdleTimeout = Value(RealtimeIdleTimeoutVariable) is { } idleTimeout
                ? DurationText.Parse(idleTimeout, RealtimeIdleTimeoutVariable)
                : DefaultRealtimeIdleTimeout,
            DbSchemas = Value(DbSchemasVariable)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                is { Length: > 0 } schemas ? schemas : ["public"],
            DbAggregatesEnabled = Flag(Value(DbAggregatesEnabledVariable), DbAggregatesEnabledVariable),
            DbPlanEnabled = Flag(Value(DbPlanEnabledVariable), DbPlanEnabledVariable),
            DbPreparedStatements = Value(DbPreparedStatementsVariable) is not { } prepared
                || Flag(prepared, DbPreparedStatementsVariable),
            ExposeAll = Flag(Value(ExposeAllVariable), ExposeAllVariable),
        };
    }

    private static bool Flag(string? value, string variable) => value?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "off" or "no" => false,
        "true" or "1" or "on" or "yes" => true,
        _ => throw new SyncOpsException($"{variable} must be true or false, not \"{value}\""),
    };

    private static string[] List(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
