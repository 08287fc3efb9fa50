using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace SyncOps.Simulators.WooCommerce;

/// <summary>
/// Delivers the simulated store's changes as WooCommerce does (woocommerce/woocommerce
/// plugins/woocommerce/includes/class-wc-webhook.php, WC_Webhook::deliver): a POST of the JSON resource with
/// X-WC-Webhook-Source, -Topic, -Resource, -Event, -Signature (base64 HMAC-SHA256 of the body with the secret), -ID and
/// -Delivery-ID, one at a time in the background as Action Scheduler would. The delivery id is derived from the webhook
/// id and the current second, like WooCommerce's <c>wp_hash(id . strtotime('now'))</c>, so deliveries in the same second
/// share it.
/// </summary>
public sealed class WooCommerceWebhookSender : IAsyncDisposable
{
    private readonly Channel<(string Topic, byte[] Body)> _queue = Channel.CreateUnbounded<(string, byte[])>();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private readonly Uri _deliveryUrl;
    private readonly string _secret;
    private readonly int _webhookId;
    private readonly string _source;
    private readonly TimeProvider _timeProvider;
    private readonly Task _loop;
    private int _pending;
    private int _succeeded;
    private int _failed;

    public WooCommerceWebhookSender(Uri deliveryUrl, string secret, int webhookId, string source, TimeProvider timeProvider)
    {
        _deliveryUrl = deliveryUrl;
        _secret = secret;
        _webhookId = webhookId;
        _source = source;
        _timeProvider = timeProvider;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Deliveries answered 2xx-302, which WooCommerce counts as success (WC_Webhook::log_delivery).</summary>
    public int Succeeded => Volatile.Read(ref _succeeded);

    /// <summary>Deliveries answered otherwise or not at all (WooCommerce does not retry them).</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Queues one delivery of <paramref name="topic"/> ("customer.updated") with the resource's JSON.</summary>
    public void Enqueue(string topic, byte[] body)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite((topic, body));
    }

    /// <summary>Sends one delivery now and returns the HTTP status (0: no answer).</summary>
    public async Task<int> SendAsync(string topic, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var dot = topic.IndexOf('.', StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, _deliveryUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var second = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("User-Agent", "WooCommerce/9.4.0 Hookshot (WordPress/6.7)");
        headers.TryAddWithoutValidation("X-WC-Webhook-Source", _source + "/");
        headers.TryAddWithoutValidation("X-WC-Webhook-Topic", topic);
        headers.TryAddWithoutValidation("X-WC-Webhook-Resource", topic[..dot]);
        headers.TryAddWithoutValidation("X-WC-Webhook-Event", topic[(dot + 1)..]);
        headers.TryAddWithoutValidation("X-WC-Webhook-Signature",
            Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(_secret), body)));
        headers.TryAddWithoutValidation("X-WC-Webhook-ID", _webhookId.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("X-WC-Webhook-Delivery-ID",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(_webhookId + second)))[..32]);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>Waits until every queued delivery has been sent.</summary>
    public async Task WhenSentAsync(CancellationToken cancellationToken = default)
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _timeProvider, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _http.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var (topic, body) in _queue.Reader.ReadAllAsync())
        {
            var status = await SendAsync(topic, body);
            Interlocked.Increment(ref status is >= 200 and < 303 ? ref _succeeded : ref _failed);
            Interlocked.Decrement(ref _pending);
        }
    }
}
