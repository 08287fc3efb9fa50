using SyncOps.Server.Errors;

namespace SyncOps.Server.Webhooks;

/// <summary>
/// The webhook endpoint's errors, in the server's one error shape ({code, message, details, hint}); codes are
/// "SYNCOPS" + the HTTP status, as for the server's other non-PostgREST errors.
/// </summary>
internal static class WebhookErrors
{
    public static PostgrestError UnknownConnection(string connection) =>
        new("SYNCOPS404", null, "Run `syncops connection webhooks CONNECTION` to create the connection's webhook secret and URLs.",
            $"No WooCommerce connection with webhooks has the id \"{connection}\"") { Status = 404 };

    public static PostgrestError BadSignature(bool present) =>
        new("SYNCOPS401",
            present ? "X-WC-Webhook-Signature is not the base64 HMAC-SHA256 of the body with this connection's webhook secret"
                    : "the request has no X-WC-Webhook-Signature header",
            "Set the webhook's Secret in WooCommerce to the one `syncops connection webhooks CONNECTION` prints.",
            "Invalid webhook signature") { Status = 401 };

    public static PostgrestError MissingHeader(string header) =>
        new("SYNCOPS400", $"the request has no {header} header", "Only WooCommerce webhook deliveries are accepted here.",
            "Not a WooCommerce webhook delivery") { Status = 400 };
}
