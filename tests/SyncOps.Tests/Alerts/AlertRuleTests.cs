using System.Text.Json;
using SyncOps.Alerts;

namespace SyncOps.Tests.Alerts;

/// <summary>Each rule opens one incident and sends one alert while it holds, and one resolve message when it stops.</summary>
public sealed class AlertRuleTests(AlertsDatabase database) : AlertTest(database)
{
    [Fact]
    public async Task Failed_AlertsOnceWhileFailing_ResolvesOnceAfterSuccess()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));

        await FinishedSyncAsync(connection, "completed");
        Assert.Equal(0, (await PassAsync()).Opened);
        var failed = await FinishedSyncAsync(connection, "failed", error: "source answered HTTP 401");
        var first = await PassAsync();
        await FinishedSyncAsync(connection, "failed");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var still = await PassAsync();
        await FinishedSyncAsync(connection, "completed");
        var recovered = await PassAsync();
        var after = await PassAsync();

        Assert.Equal((1, 0), (first.Opened, first.Resolved));
        Assert.Equal((0, 0), (still.Opened, still.Resolved));
        Assert.Equal((0, 1), (recovered.Opened, recovered.Resolved));
        Assert.Equal((0, 0, 0), (after.Opened, after.Resolved, after.Sent.Count));
        var bodies = receiver.Accepted.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["alert", "resolve"], bodies.Select(b => b.GetProperty("type").GetString()));
        Assert.All(bodies, b => Assert.Equal($"{connection}/customer", b.GetProperty("subject").GetString()));
        Assert.Contains(failed, bodies[0].GetProperty("text").GetString());
        Assert.Contains("source answered HTTP 401", bodies[0].GetProperty("text").GetString());
        Assert.Equal(bodies[0].GetProperty("incident_id").GetInt64(), bodies[1].GetProperty("incident_id").GetInt64());
    }

    [Fact]
    public async Task Failed_AfterRecoveryFailingAgain_OpensASecondIncident()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));

        await FinishedSyncAsync(connection, "failed");
        await PassAsync();
        await FinishedSyncAsync(connection, "completed");
        await PassAsync();
        await FinishedSyncAsync(connection, "failed");
        await PassAsync();

        var incidents = await Log.IncidentsAsync(OrgId);
        Assert.Equal(2, incidents.Count);
        Assert.Single(incidents, i => i.ResolvedAt is null);
        Assert.Equal(3, receiver.Accepted.Count);
    }

    [Fact]
    public async Task Timeout_FiresOnTimeoutOnly_AndEachStreamIsItsOwnIncident()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var shop = await AddConnectionAsync();
        var erp = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Timeout));

        await FinishedSyncAsync(shop, "failed");
        Assert.Equal(0, (await PassAsync()).Opened);
        await FinishedSyncAsync(shop, "timeout", error: "stalled");
        await FinishedSyncAsync(erp, "timeout", entity: "order");
        var pass = await PassAsync();

        Assert.Equal(2, pass.Opened);
        Assert.Equal(
            new[] { $"{erp}/order", $"{shop}/customer" }.Order(),
            (await Log.IncidentsAsync(OrgId)).Select(i => i.Subject).Order());
    }

    [Fact]
    public async Task ErrorsAbove_OnlyAboveThePercent_AndOnlyTheNamedConnection()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var watched = await AddConnectionAsync();
        var other = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.ErrorsAbove, ConnectionId: watched, Threshold: 10));

        await FinishedSyncAsync(watched, "completed_with_errors", processed: 95, failed: 5);
        await FinishedSyncAsync(other, "completed_with_errors", processed: 50, failed: 50);
        Assert.Equal(0, (await PassAsync()).Opened);
        await FinishedSyncAsync(watched, "completed_with_errors", processed: 80, failed: 20);
        var pass = await PassAsync();

        Assert.Equal(1, pass.Opened);
        Assert.Contains("20 of 100 items failed (20.0%, above 10%)", Assert.Single(receiver.Accepted).Body);
    }

    [Fact]
    public async Task ConsecutiveFailures_FiresAtTheNth_ResolvesOnSuccess()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.ConsecutiveFailures, Threshold: 3));

        await FinishedSyncAsync(connection, "failed");
        await FinishedSyncAsync(connection, "completed");
        await FinishedSyncAsync(connection, "failed");
        await FinishedSyncAsync(connection, "timeout");
        Assert.Equal(0, (await PassAsync()).Opened);
        await FinishedSyncAsync(connection, "failed");
        Assert.Equal(1, (await PassAsync()).Opened);
        await FinishedSyncAsync(connection, "failed");
        Assert.Equal(0, (await PassAsync()).Opened);
        await FinishedSyncAsync(connection, "completed");
        Assert.Equal(1, (await PassAsync()).Resolved);

        Assert.Equal(["alert", "resolve"], receiver.Accepted.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task SlowerThanBaseline_NeedsThreeRunsOfBaseline_FiresBelowThePercent()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.SlowerThanBaseline, Threshold: 50));

        await FinishedSyncAsync(connection, "completed", speed: 600);
        await FinishedSyncAsync(connection, "completed", speed: 200);
        Assert.Equal(0, (await PassAsync()).Opened); // one run is no baseline
        await FinishedSyncAsync(connection, "completed", speed: 580);
        await FinishedSyncAsync(connection, "completed", speed: 620);
        await FinishedSyncAsync(connection, "completed", speed: 350);
        Assert.Equal(0, (await PassAsync()).Opened); // median 590: 350 is 41 % slower, not 50
        await FinishedSyncAsync(connection, "completed", speed: 250);
        var slow = await PassAsync();
        await FinishedSyncAsync(connection, "completed", speed: 590);
        var back = await PassAsync();

        Assert.Equal(1, slow.Opened);
        Assert.Equal(1, back.Resolved);
        Assert.Contains("250 items/min", receiver.Accepted[0].Body);
    }

    [Fact]
    public async Task ScheduleNotSucceeded_FiresAfterT_ResolvesWhenARunCompletes()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        var schedule = await ScalarAsync<Guid>(
            "insert into public.sync_schedules (org_id, connection_id, entity_type, every_seconds) values ($1, $2, 'order', 900) returning id",
            OrgId, connection);
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.ScheduleNotSucceeded, ScheduleId: schedule, After: TimeSpan.FromHours(1)));

        Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, (await PassAsync()).Opened);
        await ExecuteAsync(
            "insert into public.sync_jobs (org_id, connection_id, entity_type, status, finished_at) values ($1, $2, 'order', 'failed', $3)",
            OrgId, connection, Clock.GetUtcNow());
        Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await PassAsync();
        Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, (await PassAsync()).Opened);
        await ExecuteAsync(
            "insert into public.sync_jobs (org_id, connection_id, entity_type, status, finished_at) values ($1, $2, 'order', 'completed', $3)",
            OrgId, connection, Clock.GetUtcNow());
        var done = await PassAsync();

        Assert.Equal(1, late.Opened);
        Assert.Equal(1, done.Resolved);
        Assert.Equal($"schedule/{schedule}", Assert.Single(await Log.IncidentsAsync(OrgId)).Subject);
        Assert.Equal(2, receiver.Accepted.Count);
    }
}
