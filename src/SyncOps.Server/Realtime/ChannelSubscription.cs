using System.Globalization;
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

    /// <summary>
    /// The channel's shape: its topic, join ref and bindings (ids, events, tables, filters), each part length-prefixed
    /// so that no client text can make two shapes look alike. Subscribers of one <see cref="RlsView"/> with the same
    /// shape get the same frames for every change (<see cref="SubscriberGroup"/>).
    /// </summary>
    public string ShapeKey { get; } = string.Concat(
        new[] { topic, joinRef }
            .Concat(bindings.SelectMany(b => new[]
            {
                b.Id.ToString(CultureInfo.InvariantCulture), b.Event, b.Schema, b.Table, b.FilterText is null ? "-" : "+" + b.FilterText,
            }))
            .Select(part => part.Length.ToString(CultureInfo.InvariantCulture) + ":" + part));

    public bool BroadcastSelf { get; } = broadcastSelf;

    public bool BroadcastAck { get; } = broadcastAck;

    public string? PresenceKey { get; } = presenceKey;
}
