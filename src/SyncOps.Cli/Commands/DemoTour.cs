using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Simulators.Odoo;
using SyncOps.Simulators.WooCommerce;

namespace SyncOps.Cli.Commands;

/// <summary>
/// The engine half of <c>syncops demo</c>: simulated stores on 127.0.0.1, a connection to each, a schedule, and one sync
/// of every entity through the real engine, paced so that the dashboard shows them moving. The faulty store answers some
/// pages with 429, 503 or HTML and has records that cannot be mapped, so one sync ends with errors. The stores keep
/// serving until the tour is disposed (after the dashboard stops), so that "Start a sync" and the schedule's runs reach
/// them; a second demo run points its existing connections at the new stores instead of adding dead ones. A third
/// WooCommerce store sends its changes as webhooks to the demo's server (<see cref="DemoWebhook"/>).
/// </summary>
internal sealed class DemoTour(IServiceProvider services, string orgId, Guid userId, Uri serverUrl) : IAsyncDisposable
{
    private readonly List<SimulatorHost> _simulators = [];

    public async Task<IReadOnlyList<SyncResult>> RunAsync(CancellationToken ct)
    {
        // Every page is delayed a little: real stores answer a page in a few hundred milliseconds.
        var paced = new SimulatorOptions
        {
            Customers = 2_000, Products = 200, Orders = 1_000, Seed = 7,
            FaultRate = 1, Faults = [FaultKind.Slow], SlowFaultDelay = TimeSpan.FromMilliseconds(800),
        };
        var faulty = paced with
        {
            Seed = 11, FaultRate = 0.3, BadRecordEvery = 97,
            Faults = [FaultKind.TooManyRequests, FaultKind.ServiceUnavailable, FaultKind.Html, FaultKind.Slow],
        };
        var store = await StartAsync(new WooCommerceSimulator(paced), ct);
        var faultyStore = await StartAsync(new WooCommerceSimulator(faulty), ct);
        var odoo = await StartAsync(new OdooSimulator(paced with { Customers = 800 }), ct);

        var connections = new DemoConnections(services.GetRequiredService<ConnectionStore>(), orgId);
        var woo = await connections.BindAsync(new NewConnection(orgId, "woocommerce", store.BaseUrl,
            new ConnectionSecrets(paced.ConsumerKey, paced.ConsumerSecret), "Demo shop"), ct);
        var wooFaulty = await connections.BindAsync(new NewConnection(orgId, "woocommerce", faultyStore.BaseUrl,
            new ConnectionSecrets(faulty.ConsumerKey, faulty.ConsumerSecret), "Demo shop (flaky)"), ct);
        var erp = await connections.BindAsync(new NewConnection(orgId, "odoo", odoo.BaseUrl,
            new ConnectionSecrets(null, paced.OdooApiKey), "Demo Odoo", paced.OdooDatabase, paced.OdooLogin), ct);
        AnsiConsole.MarkupLine(Markup.Escape($"  connections: {connections.Summary}"));

        var schedule = await DemoSchedule.EnsureAsync(services, orgId, woo, ct);
        AnsiConsole.MarkupLine(Markup.Escape($"  schedule {schedule.Id}: orders of \"{woo.Name}\" every 15m, full scan daily at 03:00 UTC (./syncops schedule list --org {orgId})"));
        var hooked = await DemoWebhook.StartAsync(services, connections, orgId, serverUrl, paced with { Seed = 13, Faults = [], FaultRate = 0 }, StartAsync, ct);
        AnsiConsole.MarkupLine(Markup.Escape($"  webhook: \"{hooked.Name}\" delivers its store's changes to {serverUrl}hooks/woocommerce/{hooked.Id} (./syncops connection webhooks {hooked.Id})"));

        var engine = services.GetRequiredService<SyncEngine>();
        // All four at once, as a busy organisation's would be.
        return await Task.WhenAll(
            engine.RunAsync(new SyncRequest(orgId, woo.Id, SyncEntity.Customer, Full: true, InitiatedBy: userId), cancellationToken: ct),
            engine.RunAsync(new SyncRequest(orgId, woo.Id, SyncEntity.Product, Full: true, InitiatedBy: userId), cancellationToken: ct),
            engine.RunAsync(new SyncRequest(orgId, wooFaulty.Id, SyncEntity.Order, Full: true, InitiatedBy: userId), cancellationToken: ct),
            engine.RunAsync(new SyncRequest(orgId, erp.Id, SyncEntity.Customer, Full: true, InitiatedBy: userId), cancellationToken: ct));
    }

    public static void Print(IReadOnlyList<SyncResult> results)
    {
        foreach (var result in results)
        {
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"  {result.SyncId}: {result.Status,-21} {result.Processed} processed ({result.Created} new, {result.Updated} updated, {result.Skipped} unchanged), {result.Failed} failed")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var simulator in _simulators)
        {
            await simulator.DisposeAsync();
        }
    }

    private async Task<SimulatorHost> StartAsync(SimulatorHost simulator, CancellationToken ct)
    {
        _simulators.Add(simulator);
        await simulator.StartAsync(0, ct);
        return simulator;
    }
}
