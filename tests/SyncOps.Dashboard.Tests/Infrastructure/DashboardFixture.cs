using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Npgsql;
using SyncOps.Configuration;
using SyncOps.Database;
using SyncOps.Operations;
using SyncOps.Server;
using SyncOps.Server.Auth;
using SyncOps.Server.Dashboard;

namespace SyncOps.Dashboard.Tests.Infrastructure;

/// <summary>
/// The run's throw-away PostgreSQL cluster, one real server (Kestrel on 127.0.0.1, the same <see cref="SyncOpsServer.BuildAsync"/>
/// as <c>syncops serve</c>, sync workers running) and one real Chromium (Debian's, driven by Playwright) for all the
/// browser tests. Tests isolate themselves by organisation.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Secret = "dashboard-test-secret-dashboard-test-secret-0123";

    /// <summary>Every test user's password (<see cref="NewUserAsync"/>).</summary>
    public const string Password = "dashboard-test-password";
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    /// <summary>What the server was given: the test cluster's URL and this fixture's JWT secret.</summary>
    public SyncOpsSettings Settings { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    internal JwtIssuer Issuer { get; } = new(Secret, TimeProvider.System);

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>One statement against the test database as its owner (test data the page then reads as a user).</summary>
    public async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.AddWithValue(value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        // The run's one throw-away cluster (SyncOps.Testing), already migrated; stopped by its watchdog.
        var database = await TestDatabase.GetAsync();
        // Connection secrets are encrypted with this key; with the JWT secret given too, nothing is written to the folder.
        Settings = new SyncOpsSettings(database.Url, database.Cluster.DataDirectory)
        {
            JwtSecret = Secret,
            SecretKey = Convert.ToBase64String(new byte[32]),
        };
        DataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(database.Url, "syncops-dashboard-tests"));
        App = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
        {
            Settings = Settings,
            Urls = "http://127.0.0.1:0",
            DataSource = DataSource,
            MinimumLogLevel = LogLevel.Warning,
            Dashboard = new DashboardOptions { DemoSignIn = true },
            // All browser sign-ins come from 127.0.0.1.
            GoTrue = new SyncOps.Server.GoTrue.GoTrueOptions { SignInsPerAddress = 10_000 },
        });
        await App.StartAsync();
        BaseUrl = App.Urls.First().TrimEnd('/');

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./test installs Debian's chromium (scripts/test-prerequisites.d/chromium.sh)");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    /// <summary>A new organisation with one password user; returns the user's id and an access token (for API calls).</summary>
    public async Task<(string OrgId, Guid UserId, string Token)> NewUserAsync(string? orgId = null)
    {
        orgId ??= "org-" + Guid.NewGuid().ToString("N")[..12];
        var email = $"u{Guid.NewGuid().ToString("N")[..12]}@example.com";
        // A user who signs in with e-mail and password, as `syncops user add --email E --password-stdin` makes one.
        var signIn = await Service<SyncOps.Server.GoTrue.AuthUserStore>().CreateAsync(email, Password);
        var userId = await Service<Organizations>().AddUserAsync(orgId, signIn.Id, email);
        return (orgId, userId, Issuer.UserToken(userId, TimeSpan.FromHours(1), email));
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardTests : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
