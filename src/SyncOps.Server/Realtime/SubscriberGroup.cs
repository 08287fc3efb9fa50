namespace SyncOps.Server.Realtime;

/// <summary>
/// Subscribers of one table that every change treats alike: the same row-level security view (<see cref="RlsView"/>)
/// and the same channel shape (topic, join ref, bindings), so a change's visibility, filters, binding ids and frame are
/// worked out once, on <see cref="First"/>, and each member costs only a queue entry. With 50 dashboards of one
/// organisation joined the same way (every realtime-js client of an app), that is one group.
/// </summary>
internal sealed class SubscriberGroup(RlsView view, ChannelSubscription first)
{
    public RlsView View { get; } = view;

    public ChannelSubscription First { get; } = first;

    public List<ChannelSubscription> Members { get; } = [first];
}
