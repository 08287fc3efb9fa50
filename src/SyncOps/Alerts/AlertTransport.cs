using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace SyncOps.Alerts;

/// <summary>
/// Posts one message to a channel through a Polly pipeline (retry with exponential back-off and jitter on 408, 429,
/// 5xx, timeouts and refused connections, honouring Retry-After; a timeout per attempt), on the injected clock. A
/// webhook gets a JSON body signed by <see cref="AlertSignature"/>; a Slack-compatible channel gets <c>{"text": ...}</c>.
/// </summary>
public sealed class AlertTransport
{
    public const string ClientName = "syncops-alerts";

    // Message text keeps its accents and quotes readable in a receiver's log (the body is JSON either way).
    private static readonly JsonSerializerOptions s_bodyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public AlertTransport(IHttpClientFactory clients, AlertOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clients = clients;
        _time = timeProvider;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.Retries),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The body a channel of this kind receives for the delivery.</summary>
    public static string Body(string kind, AlertDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        JsonObject body = kind == AlertChannels.Slack
            ? new() { ["text"] = delivery.Message }
            : new()
            {
                ["type"] = delivery.Kind,
                ["delivery_id"] = delivery.Id,
                ["org_id"] = delivery.OrgId,
                ["incident_id"] = delivery.IncidentId,
                ["rule_id"] = delivery.RuleId?.ToString(),
                ["condition"] = delivery.Condition,
                ["subject"] = delivery.Subject,
                ["text"] = delivery.Message,
                ["created_at"] = delivery.CreatedAt.ToString("O"),
            };
        return body.ToJsonString(s_bodyJson);
    }

    /// <summary>Sends, retrying within this call; returns the last response's status (null when none came) and the attempts made.</summary>
    public async Task<(HttpStatusCode? Status, int Attempts, string? Error)> SendAsync(
        AlertTarget target, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var body = Body(target.Kind, delivery);
        var attempts = 0;
        var client = _clients.CreateClient(ClientName);
        try
        {
            using var response = await _pipeline.ExecuteAsync(async token =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                if (target.Kind == AlertChannels.Webhook && target.Secret is { } secret)
                {
                    // Signed per attempt, so that a retry carries a fresh timestamp.
                    request.Headers.Add(AlertSignature.Header, AlertSignature.Create(secret, _time.GetUtcNow(), body));
                    request.Headers.Add("X-SyncOps-Delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, cancellationToken);
            return (response.StatusCode, attempts,
                response.IsSuccessStatusCode ? null : $"the channel answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, attempts, e is Polly.Timeout.TimeoutRejectedException ? "the channel did not answer in time" : $"the channel is unreachable: {e.Message}");
        }
    }
}
