using System.Text;
using SyncOps.Server.Errors;
using SyncOps.Server.Workers;
using SyncOps.Webhooks;

namespace SyncOps.Server.Webhooks;

/// <summary>
/// <c>POST /hooks/woocommerce/{connection}</c>: verifies a delivery, queues it durably and answers 200 at once; the
/// <see cref="WebhookApplierService"/> applies it. WooCommerce counts any answer outside 200-302 as a failure and
/// disables the webhook after more than five in a row (WC_Webhook::log_delivery, failed_delivery), so topics SyncOps
/// does not sync are acknowledged too.
/// </summary>
internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/hooks/woocommerce/{connection}", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string connection, HttpRequest request, WebhookSecrets secrets, WebhookDeliveries deliveries,
        [FromKeyedServices(WebhookApplierService.SignalKey)] WorkerSignal applier, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (!Guid.TryParse(connection, out var connectionId) || await secrets.FindAsync(connectionId, cancellationToken) is not { } endpoint)
        {
            return Error(WebhookErrors.UnknownConnection(connection));
        }

        var topic = Header(request, "X-WC-Webhook-Topic");
        if (topic is null)
        {
            // Saving a webhook in WooCommerce first POSTs "webhook_id=N" (form-encoded, unsigned, no X-WC headers) and
            // keeps the webhook pending unless the answer is exactly 200 (WC_Webhook::deliver_ping).
            return IsPing(body) ? TypedResults.Ok(new { status = "pong" }) : Error(WebhookErrors.MissingHeader("X-WC-Webhook-Topic"));
        }

        var signature = Header(request, "X-WC-Webhook-Signature");
        if (!WebhookSignature.Verify(body, endpoint.Secret, signature))
        {
            return Error(WebhookErrors.BadSignature(signature is not null));
        }

        if (WooCommerceTopic.TryParse(topic) is not { } parsed)
        {
            return TypedResults.Ok(new { status = "ignored", topic });
        }

        if (Header(request, "X-WC-Webhook-Delivery-ID") is not { } deliveryId)
        {
            return Error(WebhookErrors.MissingHeader("X-WC-Webhook-Delivery-ID"));
        }

        var queued = await deliveries.AcceptAsync(new IncomingDelivery(
            endpoint.OrgId, connectionId, deliveryId, Header(request, "X-WC-Webhook-ID"), topic, parsed, body), cancellationToken);
        if (queued)
        {
            applier.Wake();
        }

        return TypedResults.Ok(new { status = queued ? "queued" : "duplicate" });
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The signature covers the exact bytes sent, so the body is read raw (never parsed and re-serialised first).
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static bool IsPing(byte[] body) =>
        Encoding.ASCII.GetString(body) is var text && text.StartsWith("webhook_id=", StringComparison.Ordinal) &&
        text.Length > "webhook_id=".Length && text["webhook_id=".Length..].All(char.IsAsciiDigit);

    private static string? Header(HttpRequest request, string name) =>
        request.Headers[name].ToString() is { Length: > 0 } value ? value : null;

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<PostgrestError> Error(PostgrestError error) =>
        TypedResults.Json(error, statusCode: error.Status);
}
