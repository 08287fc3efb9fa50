using System.Security.Cryptography;
using System.Text.Json;
using SyncOps.Alerts;
using SyncOps.Connections;

namespace SyncOps.Tests.Alerts;

/// <summary>Delivery to a real HTTP receiver: retries, redelivery, the signature, the Slack body, the alert log.</summary>
public sealed class AlertDeliveryTests(AlertsDatabase database) : AlertTest(database)
{
    [Fact]
    public async Task Webhook_AnswersTwo500s_RetriedWithinTheSend_DeliveredOnce()
    {
        using var receiver = new AlertReceiver(500, 503);
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed");

        var pass = await PassAsync();

        Assert.Equal([500, 503, 200], receiver.Requests.Select(r => r.AnsweredStatus));
        var delivery = Assert.Single(pass.Sent);
        Assert.Equal(("delivered", 3, 200), (delivery.Status, delivery.Attempts, delivery.ResponseStatus));
        var logged = Assert.Single(await Log.DeliveriesAsync(OrgId));
        Assert.Equal(("delivered", 3), (logged.Status, logged.Attempts));
        Assert.Equal(Clock.GetUtcNow(), logged.DeliveredAt);
    }

    [Fact]
    public async Task Webhook_DownForAWholeSend_StaysPending_RedeliveredAfterTheDelay()
    {
        // Options: 2 retries, so one send is 3 attempts; all three fail, then the receiver recovers.
        using var receiver = new AlertReceiver(500, 500, 500);
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed");

        var down = await PassAsync();
        Clock.Advance(TimeSpan.FromSeconds(30));
        var early = await PassAsync();
        Clock.Advance(TimeSpan.FromSeconds(31));
        var redelivered = await PassAsync();

        Assert.Equal(("pending", 3, "the channel answered HTTP 500"), (down.Sent[0].Status, down.Sent[0].Attempts, down.Sent[0].LastError));
        Assert.Empty(early.Sent);
        Assert.Equal(("delivered", 4), (redelivered.Sent[0].Status, redelivered.Sent[0].Attempts));
        Assert.Single(receiver.Accepted);
    }

    [Fact]
    public async Task Webhook_404_FailsAtOnceWithoutRetry()
    {
        using var receiver = new AlertReceiver(404);
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed");

        var pass = await PassAsync();
        Clock.Advance(TimeSpan.FromHours(2));
        var later = await PassAsync();

        Assert.Equal(("failed", 1, 404), (pass.Sent[0].Status, pass.Sent[0].Attempts, pass.Sent[0].ResponseStatus));
        Assert.Empty(later.Sent);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Webhook_Signature_VerifiesWithTheChannelSecret_AndNotWithAnother()
    {
        using var receiver = new AlertReceiver();
        var (channel, secret) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed");

        await PassAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.NotNull(secret);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", request.Signature);
        Assert.True(AlertSignature.Verify(secret, request.Signature, request.Body, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(AlertSignature.Verify(secret + "x", request.Signature, request.Body, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(AlertSignature.Verify(secret, request.Signature, request.Body + " ", Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(AlertSignature.Verify(secret, request.Signature, request.Body, Clock.GetUtcNow().AddHours(1), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Slack_BodyIsOnlyText_WithoutSignature()
    {
        using var receiver = new AlertReceiver();
        var (channel, secret) = await AddChannelAsync(receiver, AlertChannels.Slack);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed", error: "boom");

        await PassAsync();

        var request = Assert.Single(receiver.Requests);
        Assert.Null(secret);
        Assert.Null(request.Signature);
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(["text"], body.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith($"[SyncOps] {OrgId}: customer sync sync-1 failed: boom", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Test_SendsATestMessageNow_LoggedAsTest()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var rule = await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Timeout));

        var sent = await Sender.SendTestAsync(OrgId, rule.Id);

        Assert.Equal(("test", "delivered"), (sent.Kind, sent.Status));
        Assert.Equal("test", JsonDocument.Parse(Assert.Single(receiver.Requests).Body).RootElement.GetProperty("type").GetString());
        Assert.Equal("test", Assert.Single(await Log.DeliveriesAsync(OrgId)).Kind);
        Assert.Empty(await Log.IncidentsAsync(OrgId));
    }

    [Fact]
    public async Task ChannelOfAnotherKey_LeftPendingForAProcessThatHoldsIt()
    {
        using var receiver = new AlertReceiver();
        var otherKey = new AlertChannels(DataSource, new SecretProtector(RandomNumberGenerator.GetBytes(32)));
        var (channel, _) = await otherKey.AddAsync(new NewAlertChannel(OrgId, AlertChannels.Slack, receiver.Url.AbsoluteUri));
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel.Id, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed");

        var pass = await PassAsync();

        Assert.Equal(1, pass.Opened);
        Assert.Empty(pass.Sent);
        Assert.Empty(receiver.Requests);
        var pending = Assert.Single(await Log.DeliveriesAsync(OrgId));
        Assert.Equal(("pending", 0), (pending.Status, pending.Attempts));
    }

    [Fact]
    public async Task TwoEvaluatorsAtOnce_OneAlert()
    {
        using var receiver = new AlertReceiver();
        var (channel, _) = await AddChannelAsync(receiver);
        var connection = await AddConnectionAsync();
        await Rules.AddAsync(new NewAlertRule(OrgId, channel, AlertConditions.Failed));
        await FinishedSyncAsync(connection, "failed");

        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Evaluator.RunOnceAsync())));
        await PassAsync();

        Assert.Equal(1, passes.Sum(p => p?.Opened ?? 0));
        Assert.Single(receiver.Requests);
        Assert.Single(await Log.IncidentsAsync(OrgId));
    }
}
