using System.Globalization;
using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// The <c>postgres_changes</c> frame realtime-js expects: <c>{ids, data: {schema, table, commit_timestamp, type,
/// columns, record, old_record, errors}}</c> (reference: realtime-and-auth.md, "A change arrives as ...").
/// </summary>
internal static class ChangeMessage
{
    public static PhoenixMessage Create(
        ChannelSubscription subscriber, RowChange change, JsonNode[] ids, JsonObject? record, JsonObject old)
    {
        var data = new JsonObject
        {
            ["schema"] = change.Schema,
            ["table"] = change.Table,
            ["commit_timestamp"] = change.CommitTimestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["type"] = change.Type,
            ["columns"] = new JsonArray(change.Columns
                .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type }).ToArray()),
            ["errors"] = null,
        };
        if (record is not null)
        {
            data["record"] = record.DeepClone();
        }

        if (change.Type != "INSERT")
        {
            data["old_record"] = old.DeepClone();
        }

        return new PhoenixMessage(subscriber.Topic, "postgres_changes",
            new JsonObject { ["ids"] = new JsonArray(ids.Select(id => id.DeepClone()).ToArray()), ["data"] = data },
            null, subscriber.JoinRef);
    }
}
