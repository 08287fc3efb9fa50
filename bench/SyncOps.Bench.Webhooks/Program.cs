using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SyncOps.Bench.Webhooks;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Engine;
using SyncOps.Server;
using SyncOps.Webhooks;

// Issue 12's webhook benchmark, two comparisons in one run on one durable cluster:
//  1. applying queued deliveries: the applier's batches (one transaction per 500) against one delivery per transaction;
//  2. end to end through POST /hooks/woocommerce/{connection} with 16 concurrent senders: deliveries accepted (200) per
//     second, and applied per second until the queue is empty.
// Usage: dotnet run -c Release --project bench/SyncOps.Bench.Webhooks [-- --deliveries N]
var count = args.Length == 2 && args[0] == "--deliveries" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
const int Senders = 16;
var folder = Path.Combine(Path.GetTempPath(), "syncops-bench-hooks-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new EmbeddedPostgres(folder, durable: true);
var url = await cluster.StartAsync();
await using var dataSource = NpgsqlDataSource.Create(SyncOpsServer.ServerConnectionString(url));
await new Migrator(dataSource).MigrateAsync();
var settings = new SyncOpsSettings(url, folder) { JwtSecret = "bench-secret-bench-secret-bench-secret-0123", SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
var connections = new ConnectionStore(dataSource, SecretProtector.FromSettings(settings));
var secrets = new WebhookSecrets(dataSource, SecretProtector.FromSettings(settings));
var queue = new WebhookDeliveries(dataSource);
var writer = new RecordWriter(dataSource);
var deliveries = Deliveries.Create(count);
Console.WriteLine($"# Webhook deliveries ({Environment.ProcessorCount} cores, {count:N0} customer deliveries, 4 revisions per customer, shuffled)");
Console.WriteLine();
Console.WriteLine("| way | deliveries | seconds | deliveries/s |");
Console.WriteLine("|---|---:|---:|---:|");
try
{
    foreach (var batch in new[] { 500, 1 })
    {
        var endpoint = await NewEndpointAsync($"org-apply-{batch}");
        foreach (var (topic, body) in deliveries)
        {
            await queue.AcceptAsync(new IncomingDelivery(endpoint.OrgId, endpoint.ConnectionId, Guid.NewGuid().ToString("N"), "1", topic,
                WooCommerceTopic.TryParse(topic)!, body));
        }

        var applier = new WebhookApplier(queue, writer, NullLogger<WebhookApplier>.Instance) { BatchSize = batch };
        var clock = Stopwatch.StartNew();
        while (await applier.RunOnceAsync(CancellationToken.None) > 0)
        {
        }

        Report(batch == 1 ? "apply: one delivery per transaction" : $"apply: batches of {batch}", count, clock.Elapsed);
    }

    await using var app = await SyncOpsServer.BuildAsync(new SyncOpsServerOptions
    {
        Settings = settings, Urls = "http://127.0.0.1:0", DataSource = dataSource, MinimumLogLevel = LogLevel.Warning,
    });
    await app.StartAsync();
    var hooked = await NewEndpointAsync("org-http");
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Senders }) { BaseAddress = new Uri(app.Urls.First()) };
    var next = -1;
    var failures = 0;
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
        {
            var (topic, body) = deliveries[i];
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/woocommerce/{hooked.ConnectionId}") { Content = new ByteArrayContent(body) };
            request.Headers.Add("X-WC-Webhook-Topic", topic);
            request.Headers.Add("X-WC-Webhook-Signature", WebhookSignature.Compute(body, hooked.Secret));
            request.Headers.Add("X-WC-Webhook-Delivery-ID", Guid.NewGuid().ToString("N"));
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }));
    var accepted = total.Elapsed;
    while (await QueuedAsync("org-http") > 0)
    {
        await Task.Delay(50);
    }

    Report($"HTTP, {Senders} senders: accepted (200)", count - failures, accepted);
    Report($"HTTP, {Senders} senders: applied (queue empty)", count - failures, total.Elapsed);
    var wrong = await ScalarAsync("select count(*) from public.customers where org_id = 'org-http' and email not like '%.r3@example.com'");
    Console.WriteLine();
    Console.WriteLine($"Refused deliveries: {failures}; customers not at their newest revision afterwards: {wrong} (both must be 0).");
    await app.StopAsync();
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(folder, recursive: true);
}

return 0;

async Task<WebhookEndpoint> NewEndpointAsync(string org)
{
    await ScalarAsync($"insert into public.organizations (org_id) values ('{org}') returning 1");
    var connection = await connections.AddAsync(new NewConnection(org, "woocommerce", "https://shop.example.com", new ConnectionSecrets("ck", "cs")));
    return await secrets.GetOrCreateAsync(connection);
}

Task<long> QueuedAsync(string org) =>
    ScalarAsync($"select count(*) from public.webhook_deliveries where org_id = '{org}' and status = 'queued'");

async Task<long> ScalarAsync(string sql)
{
    await using var command = dataSource.CreateCommand(sql);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static void Report(string way, int deliveries, TimeSpan elapsed) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {way} | {deliveries:N0} | {elapsed.TotalSeconds:0.00} | {deliveries / elapsed.TotalSeconds:N0} |"));
