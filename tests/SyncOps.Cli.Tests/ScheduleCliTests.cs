using System.Text.Json;
using SyncOps.Cli.Tests.Infrastructure;

namespace SyncOps.Cli.Tests;

/// <summary><c>syncops schedule ...</c> through the real command, against the test cluster.</summary>
public sealed class ScheduleCliTests : DatabaseTest
{
    [Fact]
    public async Task AddListPauseResumeRemove_ExactCommandForms()
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId);

        var added = await SyncOpsCli.RunAsync(Database.Url, "schedule", "add", "--org", orgId, "--connection", connection.ToString(),
            "--entity", "order", "--cron", "0 * * * *", "--tz", "Europe/Brussels", "--full-scan-cron", "0 3 * * *");
        Assert.True(added.ExitCode == 0, added.StandardError);
        var line = Assert.Single(added.OutputLines);
        using var schedule = JsonDocument.Parse(line);
        var id = schedule.RootElement.GetProperty("id").GetGuid();
        Assert.Equal("Europe/Brussels", schedule.RootElement.GetProperty("time_zone").GetString());
        Assert.Equal("0 3 * * *", schedule.RootElement.GetProperty("full_scan_cron").GetString());
        Assert.Equal(JsonValueKind.String, schedule.RootElement.GetProperty("next_run_at").ValueKind);

        var every = await SyncOpsCli.RunAsync(Database.Url, "schedule", "add", "--org", orgId, "--connection", connection.ToString(),
            "--entity", "customer", "--every", "15m");
        Assert.True(every.ExitCode == 0, every.StandardError);

        var paused = await SyncOpsCli.RunAsync(Database.Url, "schedule", "pause", "--org", orgId, id.ToString());
        Assert.True(paused.ExitCode == 0, paused.StandardError);
        using (var json = JsonDocument.Parse(Assert.Single(paused.OutputLines)))
        {
            Assert.True(json.RootElement.GetProperty("paused").GetBoolean());
        }

        var list = await SyncOpsCli.RunAsync(Database.Url, "schedule", "list", "--org", orgId, "--json");
        using (var rows = JsonDocument.Parse(Assert.Single(list.OutputLines)))
        {
            Assert.Equal(2, rows.RootElement.GetArrayLength());
            Assert.Equal([true, false], rows.RootElement.EnumerateArray().Select(row => row.GetProperty("paused").GetBoolean()));
            Assert.Equal(900, rows.RootElement[1].GetProperty("every_seconds").GetInt32());
        }

        var table = await SyncOpsCli.RunAsync(Database.Url, "schedule", "list", "--org", orgId);
        Assert.Contains("every 15m", table.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("paused", table.StandardOutput, StringComparison.Ordinal);

        var resumed = await SyncOpsCli.RunAsync(Database.Url, "schedule", "resume", "--org", orgId, id.ToString());
        using (var json = JsonDocument.Parse(Assert.Single(resumed.OutputLines)))
        {
            Assert.False(json.RootElement.GetProperty("paused").GetBoolean());
            Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("next_run_at").ValueKind);
        }

        var removed = await SyncOpsCli.RunAsync(Database.Url, "schedule", "remove", "--org", orgId, id.ToString());
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from public.sync_schedules where org_id = $1", orgId));
    }

    [Theory]
    [InlineData("--every", "15 minutes", "--every: \"15 minutes\" is not a duration")]
    [InlineData("--cron", "every hour", "--cron \"every hour\" is not a cron expression")]
    public async Task Add_BadRule_OneLineAndNonZeroExit(string option, string value, string message)
    {
        var orgId = TestDatabase.NewOrgId();
        var connection = await AddConnectionAsync(orgId);

        var result = await SyncOpsCli.RunAsync(Database.Url, "schedule", "add", "--org", orgId, "--connection", connection.ToString(),
            "--entity", "customer", option, value);

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(result.OutputLines);
    }

    [Fact]
    public async Task Add_OtherOrganisationsConnection_Refused()
    {
        var orgId = TestDatabase.NewOrgId();
        var theirs = await AddConnectionAsync(TestDatabase.NewOrgId());

        var result = await SyncOpsCli.RunAsync(Database.Url, "schedule", "add", "--org", orgId, "--connection", theirs.ToString(),
            "--entity", "customer", "--every", "15m");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"syncops: connection {theirs} does not exist in organisation \"{orgId}\"", Assert.Single(result.ErrorLines));
    }

    private async Task<Guid> AddConnectionAsync(string orgId)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId);
        return id;
    }
}
