using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SyncOps.Cli.Infrastructure;
using SyncOps.Configuration;
using SyncOps.Connections;
using SyncOps.Webhooks;

namespace SyncOps.Cli.Commands;

/// <summary>
/// <c>syncops connection webhooks CONNECTION [--url URL] [--json]</c>: what to enter in WooCommerce (Settings → Advanced →
/// Webhooks, one webhook per topic) so that the store pushes its changes to <c>serve</c>. Creates the connection's
/// webhook secret the first time; prints it, since it has to be pasted into the store.
/// </summary>
internal static class ConnectionWebhooksCommand
{
    /// <summary>WooCommerce's "API version" choice whose payloads are the wc/v3 resources the mapper reads.</summary>
    private const string ApiVersion = "WP REST API Integration v3";

    public static Command Create(SyncOpsSettings settings)
    {
        var connection = new Argument<Guid>("connection") { Description = "Connection id (connection add printed it).", HelpName = "CONNECTION" };
        var url = new Option<string?>("--url")
        {
            Description = "The public URL where the store reaches `serve` (default SYNCOPS_URL or http://127.0.0.1:54321).",
            HelpName = "URL",
        };
        url.Validators.Add(result =>
        {
            if (CliOptions.TryValue<string>(result, out var value) &&
                (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                result.AddError($"--url must be an http:// or https:// URL, not \"{value}\"");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("webhooks", "Print what to configure in WooCommerce so the store pushes changes (creates the webhook secret).")
        {
            connection, url, json,
        };
        CliAction.Set(command, async (parse, ct) =>
        {
            await using var services = await CliServices.OpenAsync(settings, ct);
            var found = await services.GetRequiredService<ConnectionStore>().GetAsync(parse.GetValue(connection), cancellationToken: ct);
            var endpoint = await services.GetRequiredService<WebhookSecrets>().GetOrCreateAsync(found, ct);
            var baseUrl = (parse.GetValue(url) ?? settings.ListenUrl.Split(';')[0]).TrimEnd('/');
            var deliveryUrl = $"{baseUrl}/hooks/woocommerce/{found.Id}";
            if (parse.GetValue(json))
            {
                CliOutput.WriteJson(new
                {
                    ConnectionId = found.Id,
                    DeliveryUrl = deliveryUrl,
                    Secret = endpoint.Secret,
                    ApiVersion = "wp_api_v3",
                    Webhooks = WooCommerceTopic.Supported.Select(topic => new { Topic = topic, DeliveryUrl = deliveryUrl }),
                });
                return ExitCodes.Ok;
            }

            if (Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) && parsed.IsLoopback)
            {
                await Console.Error.WriteLineAsync($"note: {baseUrl} is this machine; a store elsewhere needs the public URL of serve (--url)");
            }

            Console.WriteLine($"In WooCommerce at {found.BaseUrl}: Settings → Advanced → Webhooks → Add webhook, once per topic:");
            Console.WriteLine($"  Status:       Active");
            Console.WriteLine($"  Secret:       {endpoint.Secret}");
            Console.WriteLine($"  API version:  {ApiVersion}");
            Console.WriteLine($"  Delivery URL: {deliveryUrl}");
            Console.WriteLine($"  Topics:       {string.Join(", ", WooCommerceTopic.Supported)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
