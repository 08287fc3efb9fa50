using Microsoft.Playwright;
using SyncOps.Tracking;

namespace SyncOps.Dashboard.Tests.Infrastructure;

/// <summary>Base of the browser tests: a fresh browser context (its own cookies) per test, sign-in and screenshots.</summary>
[Collection(DashboardTests.Name)]
public abstract class DashboardTest(DashboardFixture fixture) : IAsyncLifetime
{
    private IBrowserContext? _context;

    protected DashboardFixture Fixture { get; } = fixture;

    protected IPage Page { get; private set; } = null!;

    protected SyncTracker Tracker => Fixture.Service<SyncTracker>();

    public async Task InitializeAsync()
    {
        _context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1360, Height = 820 } });
        _context.SetDefaultTimeout(15_000);
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    /// <summary>
    /// Signs in through the form with e-mail and password, as a person would, as the user the token names (the e-mail
    /// is read from the token <see cref="DashboardFixture.NewUserAsync"/> returned; every test user has one password).
    /// </summary>
    protected async Task SignInAsync(string token)
    {
        var email = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetPayloadValue<string>("email");
        await Page.GotoAsync(Fixture.BaseUrl + "/");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(DashboardFixture.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.Locator("#live-state")).ToHaveTextAsync("live");
    }

    /// <summary>The row of a sync on the Active page.</summary>
    protected ILocator Row(string orgId, string syncId) => Page.Locator($"tr[data-sync=\"{orgId}/{syncId}\"]");

    /// <summary>
    /// Saves a screenshot of a main view: into docs/screenshots (committed, referenced by docs/dashboard.md) when
    /// SYNCOPS_UPDATE_SCREENSHOTS=1, else beside the test results, so that an ordinary test run leaves the checkout
    /// unchanged (PNG bytes differ run to run with the data shown).
    /// </summary>
    protected Task<byte[]> ScreenshotAsync(string name)
    {
        var directory = Environment.GetEnvironmentVariable("SYNCOPS_UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(RepositoryRoot(), ".syncops", "test-results", "screenshots");
        Directory.CreateDirectory(directory);
        return Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SyncOps.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SyncOps.sln not found above " + AppContext.BaseDirectory);
    }
}
