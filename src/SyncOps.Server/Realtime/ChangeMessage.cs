using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SyncOps.Server.Realtime;

/// <summary>
/// The <c>postgres_changes</c> frames of one change, as realtime-js expects them: <c>{ids, data: {schema, table,
/// commit_timestamp, type, columns, record, old_record, errors}}</c> (reference: realtime-and-auth.md, "A change
/// arrives as ..."). <c>data</c> is serialised once per change, and each distinct frame (topic, join ref and binding
/// ids: the same for every client that joined the same channel the same way) is encoded once and its bytes shared by
/// every socket it goes to.
/// </summary>
internal sealed class ChangeMessage
{
    private readonly string _data;
    private readonly Dictionary<string, EncodedFrame> _frames = new(StringComparer.Ordinal);

    public ChangeMessage(RowChange change, JsonObject? record, JsonObject old)
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

        _data = data.ToJsonString();
    }

    /// <summary>The frame for one subscriber's channel with the ids of its bindings that matched.</summary>
    public EncodedFrame For(ChannelSubscription subscriber, IReadOnlyList<int> ids)
    {
        var key = subscriber.Topic + "\u001f" + subscriber.JoinRef + "\u001f" + string.Join(',', ids);
        if (!_frames.TryGetValue(key, out var frame))
        {
            _frames[key] = frame = new EncodedFrame(Encode(subscriber.Topic, subscriber.JoinRef, ids));
        }

        return frame;
    }

    private ReadOnlyMemory<byte> Encode(string topic, string joinRef, IReadOnlyList<int> ids)
    {
        var buffer = new ArrayBufferWriter<byte>(_data.Length + 128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("topic", topic);
            json.WriteString("event", "postgres_changes");
            json.WriteStartObject("payload");
            json.WriteStartArray("ids");
            foreach (var id in ids)
            {
                json.WriteNumberValue(id);
            }

            json.WriteEndArray();
            json.WritePropertyName("data");
            json.WriteRawValue(_data, skipInputValidation: true); // written by JsonObject just above
            json.WriteEndObject();
            json.WriteNull("ref");
            json.WriteString("join_ref", joinRef);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
