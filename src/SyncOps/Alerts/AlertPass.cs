namespace SyncOps.Alerts;

/// <summary>What one evaluator pass did: incidents opened and resolved, and the deliveries it sent, as they ended.</summary>
public sealed record AlertPass(int Opened, int Resolved, IReadOnlyList<AlertDelivery> Sent)
{
    public int Delivered => Sent.Count(d => d.Status == "delivered");

    public int Pending => Sent.Count(d => d.Status == "pending");

    public int Failed => Sent.Count(d => d.Status == "failed");
}
