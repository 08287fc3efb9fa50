namespace SyncOps.Server.Webhooks;

/// <summary>The webhook applier's timing under <c>serve</c>.</summary>
internal sealed class WebhookOptions
{
    /// <summary>How often the applier looks at the queue without being woken (deliveries another process queued).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long finished deliveries are kept (and replays recognised) before they are deleted.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(7);
}
