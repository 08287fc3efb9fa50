using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

/// <summary>
/// A channel one socket joined: its topic, who joined it (replaced on <c>access_token</c>), and what it wants; its
/// presence key when it joined with <c>config.presence</c> (see <see cref="PresenceRegistry"/>), else null.
/// </summary>
internal sealed class ChannelSubscription(
    RealtimeConnection connection, string topic, string joinRef, RequestIdentity identity,
    IReadOnlyList<ChangeBinding> bindings, bool broadcastSelf, bool broadcastAck, string? presenceKey = null)
{
    public RealtimeConnection Connection { get; } = connection;

    public string Topic { get; } = topic;

    public string JoinRef { get; } = joinRef;

    public RequestIdentity Identity { get; set; } = identity;

    public IReadOnlyList<ChangeBinding> Bindings { get; } = bindings;

    public bool BroadcastSelf { get; } = broadcastSelf;

    public bool BroadcastAck { get; } = broadcastAck;

    public string? PresenceKey { get; } = presenceKey;
}
