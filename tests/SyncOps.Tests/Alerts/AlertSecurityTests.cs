using System.Text;
using Npgsql;
using SyncOps.Alerts;
using SyncOps.Security;

namespace SyncOps.Tests.Alerts;

/// <summary>
/// Row-level security and keys on the alert tables: a member never names another organisation's channel, connection
/// or schedule, never reads a channel's URL or secret, and sees only their own organisation's alert log.
/// </summary>
public sealed class AlertSecurityTests(AlertsDatabase database) : AlertTest(database)
{
    [Fact]
    public async Task Member_RuleNamingAnotherOrgsConnectionScheduleOrChannel_RefusedByTheDatabase()
    {
        using var receiver = new AlertReceiver();
        var member = await CreateUserAsync(OrgId);
        var (ownChannel, _) = await AddChannelAsync(receiver);
        var otherOrg = TestDatabase.NewOrgId();
        var theirConnection = await AddConnectionAsync(otherOrg);
        var (theirChannel, _) = await AddChannelAsync(receiver, orgId: otherOrg);
        var theirSchedule = await ScalarAsync<Guid>(
            "insert into public.sync_schedules (org_id, connection_id, entity_type, every_seconds) values ($1, $2, 'order', 900) returning id",
            otherOrg, theirConnection);

        var errors = await AsMemberAsync(member, async connection => new[]
        {
            await Sql.FailsAsync(connection, "insert into public.alert_rules (org_id, channel_id, condition, connection_id) values ($1, $2, 'failed', $3)",
                OrgId, ownChannel, theirConnection),
            await Sql.FailsAsync(connection, "insert into public.alert_rules (org_id, channel_id, condition, schedule_id, after_seconds) values ($1, $2, 'schedule_not_succeeded', $3, 3600)",
                OrgId, ownChannel, theirSchedule),
            await Sql.FailsAsync(connection, "insert into public.alert_rules (org_id, channel_id, condition) values ($1, $2, 'failed')", OrgId, theirChannel),
            await Sql.FailsAsync(connection, "insert into public.alert_rules (org_id, channel_id, condition) values ($1, $2, 'failed')", otherOrg, theirChannel),
        });

        Assert.Equal(
            ["alert_rules_connection_fkey", "alert_rules_schedule_fkey", "alert_rules_channel_fkey"],
            errors.Take(3).Select(e => e.ConstraintName));
        Assert.Equal("42501", errors[3].SqlState); // row-level security: not the member's organisation
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.alert_rules"));
    }

    [Fact]
    public async Task Member_AddsARuleOnOwnConnection_SeesOnlyOwnLog_CannotReadTheChannelSecret()
    {
        using var receiver = new AlertReceiver();
        var member = await CreateUserAsync(OrgId);
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        var otherOrg = TestDatabase.NewOrgId();
        var (theirChannel, _) = await AddChannelAsync(receiver, orgId: otherOrg);
        await ExecuteAsync(
            "insert into public.alert_deliveries (org_id, channel_id, kind, message, next_attempt_at, created_at) values ($1, $2, 'test', 'theirs', now(), now())",
            otherOrg, theirChannel);

        var (added, visibleChannels, visibleLog, secretRead) = await AsMemberAsync(member, async c => (
            await Sql.ExecuteAsync(c, "insert into public.alert_rules (org_id, channel_id, condition, connection_id) values ($1, $2, 'failed', $3)",
                OrgId, channel, connection),
            await Sql.ScalarAsync<long>(c, "select count(*) from public.alert_channels"),
            await Sql.ScalarAsync<long>(c, "select count(*) from public.alert_deliveries"),
            await Sql.FailsAsync(c, "select target_ciphertext from public.alert_channels")));

        Assert.Equal((1, 1L, 0L), (added, visibleChannels, visibleLog));
        Assert.Equal("42501", secretRead.SqlState);
    }

    [Fact]
    public async Task Channel_UrlAndSecretStoredEncrypted_OnlyHttpsOrLoopback()
    {
        var (channel, secret) = await Channels.AddAsync(new NewAlertChannel(OrgId, AlertChannels.Webhook, "https://hooks.example.com/alerts/T0KEN123"));
        var stored = await ScalarAsync<byte[]>("select target_ciphertext from public.alert_channels where id = $1", channel.Id);
        var target = await Channels.GetTargetAsync(OrgId, channel.Id);
        var plain = await Assert.ThrowsAsync<SyncOpsException>(() =>
            Channels.AddAsync(new NewAlertChannel(OrgId, AlertChannels.Webhook, "http://hooks.example.com/alerts")));

        Assert.Equal("hooks.example.com", channel.UrlHost);
        Assert.DoesNotContain("T0KEN123", Encoding.UTF8.GetString(stored!));
        Assert.DoesNotContain(secret!, Encoding.UTF8.GetString(stored!));
        Assert.Equal(("https://hooks.example.com/alerts/T0KEN123", secret), (target.Url.AbsoluteUri, target.Secret));
        Assert.Contains("need https", plain.Message);
    }

    [Theory]
    [InlineData(AlertConditions.ErrorsAbove, null, "--percent")]
    [InlineData(AlertConditions.ConsecutiveFailures, 1.0, "--count")]
    [InlineData(AlertConditions.Failed, 5.0, "takes no threshold")]
    [InlineData("exploded", null, "unknown alert condition")]
    public async Task Rule_BadParameters_ClearError(string condition, double? threshold, string expected)
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);

        var error = await Assert.ThrowsAsync<SyncOpsException>(() =>
            Rules.AddAsync(new NewAlertRule(OrgId, channel, condition, Threshold: (decimal?)threshold)));

        Assert.Contains(expected, error.Message);
    }

    private async Task<Guid> CreateUserAsync(string orgId)
    {
        var userId = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync("insert into syncops_auth.users_extended (id, org_id) values ($1, $2)", userId, orgId);
        return userId;
    }

    private async Task<T> AsMemberAsync<T>(Guid userId, Func<NpgsqlConnection, Task<T>> work)
    {
        var user = new UserContext("authenticated", $$"""{"role":"authenticated","sub":"{{userId}}","aud":"authenticated"}""")
        {
            StatementTimeout = TimeSpan.FromMinutes(1),
        };
        await using var session = await UserSession.OpenAsync(DataSource, user, CancellationToken.None);
        return await work(session.Connection);
    }
}
