using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SyncOps;
using SyncOps.Bench.Engine;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Connectors.Http;
using SyncOps.Database;
using SyncOps.Embedded;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;

// Issues 4 and 10: N WooCommerce customers from the simulator (over HTTP) into `customers` in a durable PostgreSQL,
// in one run: the source alone, a plain COPY of the same rows into the empty table (PostgreSQL's own ingest rate),
// the engine's writer alone, the engine end to end, the unchanged re-run and the guide's loop, with ratios.
// Usage: dotnet run -c Release -- [customers=200000] [guide-records=20000] [--engine-only] [--store URL]
// --engine-only (for 10,000,000): only the engine end to end and the re-run, with the rate per tenth of the run.
// --store URL: a simulator already running in its own process (`syncops simulate woocommerce --customers N --products 0
// --orders 0`, default keys), so the peaks measured here are the engine's alone, without the simulator's memory.
var customers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var guideRecords = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
var engineOnly = args.Contains("--engine-only");
var externalStore = Array.IndexOf(args, "--store") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
var http = new SourceHttpOptions { PageSize = 100, Prefetch = 6, MaxConcurrentRequestsPerStore = 6 };
var engineOptions = new EngineOptions { WriteBatchSize = 2000, Writers = 2 };

var directory = Path.Combine(Path.GetTempPath(), "syncops-bench-engine-" + Guid.NewGuid().ToString("N")[..8]);
var cluster = new EmbeddedPostgres(directory);
var url = Environment.GetEnvironmentVariable("SYNCOPS_DATABASE_URL") ?? await cluster.StartAsync();
var rowsFile = Path.Combine(directory, "customers.copy");
try
{
    await using var dataSource = NpgsqlDataSource.Create(SyncOpsDatabase.ConnectionString(url, "syncops-bench"));
    await new Migrator(dataSource).MigrateAsync();
    await using var services = new ServiceCollection()
        .AddSingleton(http).AddSingleton(engineOptions)
        .AddSingleton(new SecretProtector(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))
        .AddSyncOps(new SyncOpsSettings(url, directory), dataSource).BuildServiceProvider();
    var storeOptions = new SimulatorOptions { Customers = customers, Products = 0, Orders = 0 };
    await using var store = externalStore is null ? await WooCommerceSimulator.StartAsync(storeOptions) : null;
    var run = Guid.NewGuid().ToString("N")[..8];
    var connection = await services.GetRequiredService<ConnectionStore>().AddAsync(new NewConnection(
        $"bench-{run}-engine", "woocommerce", externalStore ?? store!.BaseUrl, new ConnectionSecrets(storeOptions.ConsumerKey, storeOptions.ConsumerSecret)));
    var connector = await services.GetRequiredService<ConnectorFactory>().CreateAsync(connection);
    using var memory = new MemorySampler();
    var phases = new Phases(memory, dataSource);
    Console.WriteLine($"{customers:N0} customers, page size {http.PageSize}, {http.Prefetch} pages ahead (at least a batch), " +
        $"write batches of {engineOptions.WriteBatchSize}, {engineOptions.Writers} writers, {Environment.ProcessorCount} cores, " +
        $"simulator {(externalStore is null ? "in this process" : "in its own process at " + externalStore)}, " +
        $"load average {Phases.LoadAverage()}, shared_buffers {await Phases.SettingAsync(dataSource, "shared_buffers")}");

    Measured? source = null, copy = null;
    if (!engineOnly)
    {
        // 1. Source alone: every page fetched (HTTP + JSON parse + map + hash), pages in parallel as the engine fetches them.
        var offsets = Enumerable.Range(0, (customers + http.PageSize - 1) / http.PageSize).Select(p => p * http.PageSize);
        source = await phases.RunAsync("source only (fetch + parse + map + hash)", async () =>
        {
            var fetched = 0;
            await Parallel.ForEachAsync(offsets, new ParallelOptions { MaxDegreeOfParallelism = http.Prefetch }, async (offset, ct) =>
                Interlocked.Add(ref fetched, (await connector.FetchPageAsync(SyncEntity.Customer, SourceWindow.Everything, offset, ct)).Items.Count));
            return fetched;
        });

        // 2. The yardstick: the same rows by one plain COPY into the empty table (rows prepared beforehand, untimed).
        await PlainCopy.PrepareAsync(connector, customers, http.PageSize, http.Prefetch, $"bench-{run}-copy", connection.Id, rowsFile);
        copy = await phases.RunAsync("plain COPY of the same rows into the empty table", async () => (int)await PlainCopy.CopyAsync(dataSource, rowsFile));
        File.Delete(rowsFile);
        await phases.EmptyCustomersAsync();

        // 3. Write alone: the engine's writer (hash read, binary COPY of new rows, in order on two connections), no HTTP.
        await phases.RunAsync("write only (engine writer, 2 connections)", () => WriteOnly.RunAsync(
            services, connector, new WriteTarget($"bench-{run}-write", "woocommerce", connection.Id, SyncEntity.Customer, "bench-write", null),
            customers, engineOptions.WriteBatchSize));
        await phases.EmptyCustomersAsync();
    }

    // 4. The engine, end to end, into the empty table.
    var engine = services.GetRequiredService<SyncEngine>();
    var tenths = new RateByTenths(customers, print: engineOnly);
    SyncResult? first = null;
    var endToEnd = await phases.RunAsync(() => $"SyncOps engine end to end ({first!.Status}, {first.Created:N0} created)", async () =>
    {
        first = await engine.RunAsync(new SyncRequest(connection.OrgId, connection.Id, SyncEntity.Customer), tenths.Observe);
        return first.Processed;
    });

    // 5. The same again: every record unchanged, skipped by hash (one read per batch, nothing written but the checkpoint).
    SyncResult? again = null;
    var unchanged = await phases.RunAsync(() => $"SyncOps engine, second run ({again!.Skipped:N0} unchanged, skipped)", async () =>
    {
        again = await engine.RunAsync(new SyncRequest(connection.OrgId, connection.Id, SyncEntity.Customer));
        return again.Processed;
    });

    Console.WriteLine();
    if (engineOnly)
    {
        Console.WriteLine($"customers table at the end: {await Phases.TableSizeAsync(dataSource)}");
    }

    if (source is not null && copy is not null)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine end to end / plain COPY: {100 * endToEnd.Rate / copy.Rate:0.0} %; engine / source only: {100 * endToEnd.Rate / source.Rate:0.0} %"));
    }

    if (!engineOnly && guideRecords > 0)
    {
        // 6. The guide's loop: one upsert per record, progress every 100, no sleep.
        var guide = await phases.RunAsync("guide loop (one upsert per record, progress per 100)", () =>
            GuideLoop.RunAsync(dataSource, services.GetRequiredService<SyncOps.Tracking.SyncTracker>(), connector, $"bench-{run}-guide", guideRecords));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine vs guide: {endToEnd.Rate / guide.Rate:0.0}x the items/min"));
    }

    // Last: filling the comparison dictionary takes hundreds of MiB at 10 M, which the process would keep as working
    // set into the phases measured after it.
    Console.WriteLine(ScanMemory.Describe(customers));
    var peak = Math.Max(endToEnd.PeakWorkingSet, unchanged.PeakWorkingSet) / 1048576.0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"engine: {endToEnd.Rate:N0} items/min end to end, {(copy is null ? "COPY not measured" : $"{100 * endToEnd.Rate / copy.Rate:0.0} % of COPY")}, unchanged re-run {unchanged.Rate:N0} items/min, peak {peak:0} MiB"));
}
finally
{
    await cluster.StopAsync();
    Directory.Delete(directory, recursive: true);
}
