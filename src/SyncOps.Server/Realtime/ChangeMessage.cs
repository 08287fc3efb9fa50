using System.Buffers;
using System.Globalization;
using System.Text.Json;

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
    private readonly ReadOnlyMemory<byte> _data;
    private readonly Dictionary<string, EncodedFrame> _frames = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes <c>data</c> as UTF-8 straight from the change (the record as the log gave it, the old record as its key),
    /// with the same escaping as System.Text.Json's JsonObject, so each frame only copies these bytes.
    /// </summary>
    public ChangeMessage(RowChange change)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("schema", change.Schema);
            json.WriteString("table", change.Table);
            json.WriteString("commit_timestamp", change.CommitTimestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("type", change.Type);
            json.WriteStartArray("columns");
            foreach (var column in change.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", column.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNull("errors");
            if (change.Record is { } record)
            {
                json.WriteStartObject("record");
                foreach (var (column, value) in record)
                {
                    json.WriteString(column, value);
                }

                json.WriteEndObject();
            }

            if (change.Type != "INSERT")
            {
                // The old row as far as the log keeps it (its key), as realtime gives it for UPDATE and DELETE.
                json.WriteStartObject("old_record");
                foreach (var key in change.Key)
                {
                    json.WriteString(key.Column, key.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        _data = buffer.WrittenMemory;
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
            json.WriteRawValue(_data.Span, skipInputValidation: true); // written by Utf8JsonWriter just above
            json.WriteEndObject();
            json.WriteNull("ref");
            json.WriteString("join_ref", joinRef);
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }
}
