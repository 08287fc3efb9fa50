using Npgsql;
using SyncOps.Configuration;
using SyncOps.Server.Rest;

namespace SyncOps.Server;

/// <summary>How to build the server. Everything is optional: the defaults are what <c>syncops serve</c> does.</summary>
public sealed class SyncOpsServerOptions
{
    /// <summary>Supabase's local port, so a guide user's habits carry over.</summary>
    public const string DefaultUrl = "http://127.0.0.1:54321";

    public const string UrlVariable = "SYNCOPS_URL";

    /// <summary>Command-line arguments for ASP.NET Core's configuration (e.g. <c>--urls</c>).</summary>
    public string[] Args { get; set; } = [];

    /// <summary>Where to listen; default <c>--urls</c>, else <c>SYNCOPS_URL</c>, else <see cref="DefaultUrl"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>Default: from the environment (<c>SYNCOPS_DATABASE_URL</c>, <c>SYNCOPS_DATA_DIR</c>).</summary>
    public SyncOpsSettings? Settings { get; set; }

    /// <summary>An open, migrated data source to use (tests); the caller keeps ownership. Default: opened from settings.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>Default: <see cref="Auth.JwtSecretStore.ResolveAsync"/>.</summary>
    public string? JwtSecret { get; set; }

    public RestOptions Rest { get; set; } = new();

    public Dashboard.DashboardOptions Dashboard { get; set; } = new();

    /// <summary>Lowest level logged to the console (tests use Warning).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;

    /// <summary>The URL <c>serve</c> listens on when nothing says otherwise, for <c>syncops keys</c>.</summary>
    public static string DefaultListenUrl() =>
        Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : DefaultUrl;
}
