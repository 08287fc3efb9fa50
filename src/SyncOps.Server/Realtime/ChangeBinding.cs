using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// One <c>postgres_changes</c> binding of a joined channel: <c>{event, schema, table, filter}</c> as the client sent it,
/// with the id the join reply gives it (the client keeps only changes whose <c>ids</c> include it).
/// </summary>
internal sealed record ChangeBinding(int Id, string Event, string Schema, string Table, string? FilterText, ChangeFilter? Filter)
{
    public bool Accepts(RowChange change) =>
        (Event == "*" || string.Equals(Event, change.Type, StringComparison.OrdinalIgnoreCase)) &&
        Schema == change.Schema && Table == change.Table;

    /// <summary>The binding as the join reply echoes it: the same event, schema, table and filter as requested.</summary>
    public JsonObject ToReply()
    {
        var reply = new JsonObject { ["id"] = Id, ["event"] = Event, ["schema"] = Schema, ["table"] = Table };
        if (FilterText is not null)
        {
            reply["filter"] = FilterText;
        }

        return reply;
    }
}
