using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connections;
using SyncOps.Connectors.Http;
using SyncOps.Connectors.Odoo;
using SyncOps.Connectors.WooCommerce;

namespace SyncOps.Connectors;

/// <summary>Builds the connector for a stored connection, with its decrypted credentials and a typed client.</summary>
public sealed class ConnectorFactory(IServiceProvider services, ConnectionStore connections, SourceHttpOptions options)
{
    public SourceHttpOptions Options => options;

    public async Task<ISourceConnector> CreateAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var secrets = await connections.GetSecretsAsync(connection, cancellationToken);
        return connection.SourceSystem switch
        {
            "woocommerce" => new WooCommerceConnector(services.GetRequiredService<WooCommerceClient>(), connection, secrets, options),
            "odoo" => new OdooConnector(services.GetRequiredService<OdooClient>(), connection, secrets, options),
            _ => throw new SyncOpsException($"no connector for source \"{connection.SourceSystem}\""),
        };
    }
}
