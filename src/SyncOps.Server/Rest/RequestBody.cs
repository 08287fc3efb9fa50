using System.Buffers;
using System.Text;
using System.Text.Json;
using SyncOps.Server.Errors;
using SyncOps.Server.Rest.Catalog;

namespace SyncOps.Server.Rest;

/// <summary>A write's JSON payload: validated shape, the columns it names (checked against the catalog).</summary>
internal sealed class RequestBody
{
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    private RequestBody(string json, bool isArray, List<string> keys)
    {
        Json = json;
        IsArray = isArray;
        Keys = keys;
    }

    public string Json { get; }

    public bool IsArray { get; }

    /// <summary>The union of the objects' keys, in first-seen order.</summary>
    public List<string> Keys { get; }

    public static async Task<string> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw new PostgrestException(TooLarge(limit));
        }

        using var buffer = new MemoryStream(request.ContentLength is > 0 and var n ? (int)n : 256);
        var chunk = ArrayPool<byte>.Shared.Rent(8 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new PostgrestException(TooLarge(limit));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        try
        {
            return s_strictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new PostgrestException(PostgrestError.InvalidBody("Empty or invalid json", "the body is not valid UTF-8"));
        }
    }

    /// <summary>
    /// Any request body's JSON (a write's rows, an RPC's arguments), at most 64 levels deep; malformed JSON is
    /// PostgREST's PGRST102 "Empty or invalid json" with the parser's own words as details.
    /// </summary>
    public static JsonDocument ParseDocument(string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new PostgrestException(PostgrestError.InvalidBody("Empty or invalid json", e.Message));
        }
    }

    /// <summary>An object or an array of objects (POST), or one object (PATCH).</summary>
    public static RequestBody Parse(string text, bool allowArray)
    {
        using (var document = ParseDocument(text))
        {
            var root = document.RootElement;
            var keys = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Collect(JsonElement element)
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    throw new PostgrestException(PostgrestError.InvalidBody(
                        "Empty or invalid json", allowArray ? "expected an object or an array of objects" : "expected an object"));
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (seen.Add(property.Name))
                    {
                        keys.Add(property.Name);
                    }
                }
            }

            if (root.ValueKind == JsonValueKind.Array && allowArray)
            {
                foreach (var item in root.EnumerateArray())
                {
                    Collect(item);
                }
            }
            else
            {
                Collect(root);
            }

            return new RequestBody(text, root.ValueKind == JsonValueKind.Array, keys);
        }
    }

    /// <summary>The payload's columns, or the <c>columns=</c> parameter's; any unknown name is PGRST204.</summary>
    public List<ColumnInfo> Columns(TableInfo table, IReadOnlyList<string>? columnsParameter) =>
        (columnsParameter ?? Keys).Select(k => table.Find(k)
            ?? throw new PostgrestException(PostgrestError.ColumnNotFound(k, table.Name))).ToList();

    public bool NamesUnknownColumn(TableInfo table, IReadOnlyList<string>? columnsParameter) =>
        (columnsParameter ?? Keys).Any(k => table.Find(k) is null);

    private static PostgrestError TooLarge(long limit) =>
        new("SYNCOPS413", $"The limit is {limit} bytes.", "Send fewer rows per request.", "Request body too large")
        { Status = 413 };
}
