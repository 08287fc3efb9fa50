using Npgsql;
using SyncOps.Configuration;
using SyncOps.Server.Rest;

namespace SyncOps.Server;

/// <summary>How to build the server. Only <see cref="Settings"/> is required: the other defaults are what <c>syncops serve</c> does.</summary>
internal sealed class SyncOpsServerOptions
{
    /// <summary>
    /// Every setting from the environment, read once by the caller (Program.cs passes
    /// <see cref="SyncOpsSettings.FromEnvironment"/>, the CLI the settings it read at its start, tests their own): the
    /// database, the data folder, the listen URL and the JWT secret. Nothing in the server reads the environment itself.
    /// </summary>
    public required SyncOpsSettings Settings { get; set; }

    /// <summary>Command-line arguments for ASP.NET Core's configuration (e.g. <c>--urls</c>).</summary>
    public string[] Args { get; set; } = [];

    /// <summary>Where to listen; default <c>--urls</c>, else <see cref="SyncOpsSettings.ListenUrl"/>.</summary>
    public string? Urls { get; set; }

    /// <summary>An open, migrated data source to use (tests); the caller keeps ownership. Default: opened from settings.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    public RestOptions Rest { get; set; } = new();

    /// <summary>SyncOps' own <c>/auth/v1</c> (token lifetimes, sign-up, rate limits).</summary>
    public GoTrue.GoTrueOptions GoTrue { get; set; } = new();

    public Dashboard.DashboardOptions Dashboard { get; set; } = new();

    /// <summary>Lowest level logged to the console (tests use Warning).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Information;
}
