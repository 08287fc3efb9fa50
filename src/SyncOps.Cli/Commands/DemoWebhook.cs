using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connections;
using SyncOps.Simulators;
using SyncOps.Simulators.WooCommerce;
using SyncOps.Webhooks;

namespace SyncOps.Cli.Commands;

/// <summary>
/// The demo's webhook (issue 12 item 4): a third WooCommerce store, "Demo shop (webhooks)", edits a couple of its customers
/// every second and delivers each change as a signed WooCommerce webhook to the demo's own server
/// (<c>POST /hooks/woocommerce/{connection}</c>), which applies it through the engine's writer, so that connection's
/// customers change without any sync running. The store needs the connection's id and webhook secret before it starts,
/// and the connection needs the store's port: the connection is bound first (to a port that refuses connections), then
/// pointed at the store once it listens.
/// </summary>
internal static class DemoWebhook
{
    public const string ConnectionName = "Demo shop (webhooks)";

    public static async Task<Connection> StartAsync(
        IServiceProvider services, DemoConnections connections, string orgId, Uri serverUrl, SimulatorOptions store,
        Func<SimulatorHost, CancellationToken, Task<SimulatorHost>> start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(start);
        var secrets = new ConnectionSecrets(store.ConsumerKey, store.ConsumerSecret);
        var connection = await connections.BindAsync(
            new NewConnection(orgId, "woocommerce", "http://127.0.0.1:1", secrets, ConnectionName), ct);
        var endpoint = await services.GetRequiredService<WebhookSecrets>().GetOrCreateAsync(connection, ct);
        var simulator = await start(new WooCommerceSimulator(store with
        {
            WebhookUrl = new Uri(serverUrl, $"/hooks/woocommerce/{connection.Id}"),
            WebhookSecret = endpoint.Secret,
            ChurnPerSecond = 2,
        }), ct);
        return await services.GetRequiredService<ConnectionStore>().RebindAsync(orgId, connection.Id, simulator.BaseUrl, secrets, ct);
    }
}
