using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary>
/// A command line that is wrong gets one line on stderr, in words, with the usage of the command meant, and exit code 2
/// (docs/cli.md), never a stack trace or the whole help. Nothing reaches the database: the values are checked first.
/// </summary>
public sealed class UsageErrorTests : DatabaseTest
{
    [Theory]
    [InlineData("'stauts' is not a syncops command; did you mean 'status'?", "stauts", "--org", "org-x")]
    [InlineData("'tset' is not a syncops connection command; did you mean 'test'?", "connection", "tset")]
    [InlineData("unknown option '--orgg'; did you mean '--org'?", "status", "--orgg", "org-x")]
    [InlineData("unknown option '--verbos'; did you mean '--verbose'?", "keys", "--verbos")]
    [InlineData("unexpected argument 'now'", "migrate", "now")]
    [InlineData("syncops db needs a subcommand: start, status, stop, url", "db")]
    [InlineData("--org is required", "status")]
    [InlineData("--org needs a value", "status", "--org")]
    [InlineData("--org must not be empty", "status", "--org", "")]
    [InlineData("--stale-minutes must be at least 1", "status", "--org", "org-x", "--stale-minutes", "0")]
    [InlineData("--org must not be empty", "user", "add", "--org", "")]
    [InlineData("--id must be a UUID, not \"not-a-uuid\"", "user", "add", "--org", "org-x", "--id", "not-a-uuid")]
    [InlineData("--ttl must be a positive number", "user", "add", "--org", "org-x", "--ttl", "soon")]
    [InlineData("--org is required", "report", "slow")]
    [InlineData("--days must be at least 1", "report", "trends", "--org", "org-x", "--days", "0")]
    [InlineData("--days must be a whole number, not \"week\"", "report", "failed", "--org", "org-x", "--days", "week")]
    [InlineData("--max-speed must be a number, not \"fast\"", "report", "slow", "--org", "org-x", "--max-speed", "fast")]
    [InlineData("--retention-months must be at least 1", "maintenance", "run", "--retention-months", "0")]
    [InlineData("--source must be woocommerce or odoo, not \"shopify\"", "connection", "add", "--org", "org-x", "--source", "shopify", "--url", "http://shop.test")]
    [InlineData("--url must be an http:// or https:// URL, not \"shop\"", "connection", "add", "--org", "org-x", "--source", "odoo", "--url", "shop")]
    [InlineData("an Odoo connection needs --key (API key)", "connection", "add", "--org", "org-x", "--source", "odoo", "--url", "http://odoo.test")]
    [InlineData("an Odoo connection needs --db (database) and --user (login)", "connection", "add", "--org", "org-x", "--source", "odoo", "--url", "http://odoo.test", "--key", "k")]
    [InlineData("a WooCommerce connection needs --key (consumer key)", "connection", "add", "--org", "org-x", "--source", "woocommerce", "--url", "http://shop.test", "--secret", "cs")]
    [InlineData("a WooCommerce connection needs --secret", "connection", "add", "--org", "org-x", "--source", "woocommerce", "--url", "http://shop.test", "--key", "ck")]
    [InlineData("--org is required", "connection", "list")]
    [InlineData("--connection is required", "connection", "test")]
    [InlineData("--connection must be a UUID, not \"42\"", "connection", "test", "--connection", "42")]
    [InlineData("--connection must be a UUID, not \"shop\"", "sync", "run", "--org", "org-x", "--connection", "shop", "--entity", "order")]
    [InlineData("--entity must be customer, product or order, not \"invoice\"", "sync", "run", "--org", "org-x", "--connection", "9b2f1c4e-0000-4000-8000-000000000001", "--entity", "invoice")]
    [InlineData("--connection is required", "sync", "preview", "--org", "org-x", "--entity", "order")]
    [InlineData("--cache-key is required", "sync", "apply", "--org", "org-x")]
    [InlineData("--sync-id is required", "sync", "cancel", "--org", "org-x")]
    [InlineData("--faults has unknown kinds (Gremlins)", "simulate", "woocommerce", "--faults", "Gremlins")]
    [InlineData("--fault-rate must be between 0 and 1", "simulate", "odoo", "--fault-rate", "2")]
    [InlineData("--port must be a whole number, not \"http\"", "simulate", "odoo", "--port", "http")]
    [InlineData("--urls needs a value", "serve", "--urls")]
    [InlineData("--org must not be empty", "demo", "--org", " ")]
    public async Task BadInput_OneLineInWordsWithUsage_ExitCode2(string expected, params string[] arguments)
    {
        var result = await SyncOpsCli.RunAsync(Database.Url, arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("syncops: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains(" Usage: syncops ", line, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task Demo_WithoutOrg_UsesItsDefaultOrganisation_NotAUsageError()
    {
        // The README's front door is `./syncops demo` with no options: --org has a default there, so parsing succeeds
        // and the command gets as far as the database (here one that does not answer: one line, exit 1, not 2).
        var result = await SyncOpsCli.RunAsync("postgresql://nobody@127.0.0.1:1/none", "demo", "--no-wait");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.DoesNotContain(result.ErrorLines, l => l.Contains("--org", StringComparison.Ordinal));
        Assert.StartsWith("syncops: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typo_UsageLineIsTheSuggestedCommands()
    {
        var result = await SyncOpsCli.RunAsync(Database.Url, "reprot");

        Assert.EndsWith("Usage: syncops report <slow|failed|trends>", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingValue_UsageLineListsRequiredOptionsPlainAndOthersInBrackets()
    {
        var test = await SyncOpsCli.RunAsync(Database.Url, "connection", "test");
        var run = await SyncOpsCli.RunAsync(Database.Url, "sync", "run", "--org", "org-x");

        Assert.EndsWith("Usage: syncops connection test --connection ID", Assert.Single(test.ErrorLines), StringComparison.Ordinal);
        Assert.EndsWith("Usage: syncops sync run --org ORG --connection ID --entity customer|product|order [--full] [--sync-id ID] [--json]",
            Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NamesTheCommandSyncops()
    {
        var result = await SyncOpsCli.RunAsync(Database.Url, "status", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("syncops status [options]", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("SyncOps.Cli", result.StandardOutput, StringComparison.Ordinal);
    }
}
