using System.Security.Cryptography;
using System.Text.Json;
using SyncOps.Cli.Tests.Infrastructure;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;

namespace SyncOps.Cli.Tests;

/// <summary>
/// <c>connection add|test</c> and <c>sync run</c> against a simulated WooCommerce store: --json prints only the
/// outcome, a person gets a summary, and a rate-limited store shows up as "rate limited, retry N of 5" while it waits.
/// </summary>
public sealed class SyncRunTests : DatabaseTest
{
    // Every CLI process of a test must decrypt what another stored: one key for all of them.
    private readonly Dictionary<string, string> _environment = new()
    {
        ["SYNCOPS_SECRET_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    [Fact]
    public async Task ConnectionTest_ByOptionAndByPositionalId_ReachesTheStore()
    {
        var orgId = TestDatabase.NewOrgId();
        await using var store = new WooCommerceSimulator(new SimulatorOptions { Customers = 7 });
        await store.StartAsync();
        var connectionId = await AddConnectionAsync(orgId, store);

        var byOption = await SyncOpsCli.RunAsync(Database.Url, _environment, "connection", "test", "--connection", connectionId);
        var positional = await SyncOpsCli.RunAsync(Database.Url, _environment, "connection", "test", connectionId);

        Assert.True(byOption.ExitCode == 0, byOption.ToString());
        Assert.Contains("reachable, credentials accepted", byOption.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(byOption.OutputLines, line => line == "customers: 7");
        Assert.Equal(byOption.StandardOutput, positional.StandardOutput);
    }

    [Fact]
    public async Task SyncRun_Json_StdoutIsOnlyTheOutcome_SummaryWithout()
    {
        var orgId = TestDatabase.NewOrgId();
        await using var store = new WooCommerceSimulator(new SimulatorOptions { Customers = 30 });
        await store.StartAsync();
        var connectionId = await AddConnectionAsync(orgId, store);

        var json = await SyncOpsCli.RunAsync(Database.Url, _environment,
            "sync", "run", "--org", orgId, "--connection", connectionId, "--entity", "customer", "--json");
        var human = await SyncOpsCli.RunAsync(Database.Url, _environment,
            "sync", "run", "--org", orgId, "--connection", connectionId, "--entity", "customer", "--full");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var outcome = JsonDocument.Parse(json.StandardOutput);
        Assert.Equal("completed", outcome.RootElement.GetProperty("status").GetString());
        Assert.Equal(30, outcome.RootElement.GetProperty("processed").GetInt32());
        Assert.Equal(30, outcome.RootElement.GetProperty("created").GetInt32());
        Assert.True(human.ExitCode == 0, human.ToString());
        var summary = Assert.Single(human.OutputLines);
        Assert.Matches(@"^sync-woo-\d+: completed, 30 processed \(0 new, 0 updated, 30 unchanged\), 0 failed$", summary);
    }

    [Fact]
    public async Task SyncRun_StoreRateLimitsEveryRequest_ShowsTheRetries_ThenFailsInOneLine()
    {
        var orgId = TestDatabase.NewOrgId();
        // Every list request answers 429 with Retry-After: 1, so the engine waits about a second before each of its
        // five retries: the sync spends seconds in the state the CLI polls every second.
        await using var store = new WooCommerceSimulator(new SimulatorOptions { FaultRate = 1, Faults = [FaultKind.TooManyRequests] });
        await store.StartAsync();
        var connectionId = await AddConnectionAsync(orgId, store);

        var result = await SyncOpsCli.RunAsync(Database.Url, _environment,
            "sync", "run", "--org", orgId, "--connection", connectionId, "--entity", "order");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(result.ErrorLines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^sync-woo-\d+: rate limited, retry [1-5] of 5 in [0-9]+ s$"));
        Assert.Matches(@"^syncops: sync sync-woo-\d+ failed: ", result.ErrorLines[^1]);
    }

    private async Task<string> AddConnectionAsync(string orgId, SimulatorHost store)
    {
        var added = await SyncOpsCli.RunAsync(Database.Url, _environment, "connection", "add", "--org", orgId,
            "--source", "woocommerce", "--url", store.BaseUrl, "--key", store.Options.ConsumerKey, "--secret", store.Options.ConsumerSecret);
        Assert.True(added.ExitCode == 0, added.ToString());
        return Assert.Single(added.OutputLines);
    }
}
