using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace SyncOps.Connectors;

/// <summary>
/// Tolerant readers for source payloads, shared by the mappers: WooCommerce sends money as strings and empty values as
/// "" or null; Odoo sends false for empty. Anything present but unreadable is a <see cref="MappingException"/>.
/// </summary>
internal static class JsonValues
{
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : null;

    /// <summary>A string, number or bool as text; null for null, "", false and missing.</summary>
    public static string? Text(JsonElement obj, string name) => Text(Property(obj, name));

    public static string? Text(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString() is { Length: > 0 } text ? text : null,
        JsonValueKind.Number => value.Value.GetRawText(),
        JsonValueKind.True => "true",
        _ => null,
    };

    /// <summary>A decimal from a JSON number or a numeric string ("29.35"), normalised; null when empty.</summary>
    public static string? Decimal(JsonElement obj, string name)
    {
        var text = Text(obj, name);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new MappingException($"{name} \"{text}\" is not a number");
    }

    public static string? Integer(JsonElement obj, string name)
    {
        var text = Text(obj, name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new MappingException($"{name} \"{text}\" is not an integer");
    }

    /// <summary>The record's id, required: a positive integer.</summary>
    public static string Id(JsonElement obj, string name = "id") =>
        Property(obj, name) is { ValueKind: JsonValueKind.Number } id && id.TryGetInt64(out var value) && value > 0
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new MappingException($"{name} is missing or not a positive integer");

    /// <summary>A date without offset that the source documents as UTC ("2017-03-22T19:28:08", "2014-11-12 16:32:13").</summary>
    public static DateTimeOffset? UtcDate(JsonElement obj, string name)
    {
        var text = Text(obj, name);
        if (text is null)
        {
            return null;
        }

        return DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
            ? new DateTimeOffset(value, TimeSpan.Zero)
            : throw new MappingException($"{name} \"{text}\" is not a date");
    }

    /// <summary>The record as the canonical table stores it: the raw payload (its UTF-8 bytes, copied out of the page) and its SHA-256.</summary>
    public static CanonicalRecord Record(
        JsonElement element, string externalId, string?[] fields, DateTimeOffset? createdAt, DateTimeOffset? updatedAt)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        return new CanonicalRecord(externalId, fields, createdAt, updatedAt, raw.ToArray(), SHA256.HashData(raw));
    }

    /// <summary>Best-effort id of a record that failed to map, for the failure log.</summary>
    public static string? TryId(JsonElement obj) =>
        Property(obj, "id") is { ValueKind: JsonValueKind.Number } id ? id.GetRawText() : null;

    public static string Join(string? first, string? last) =>
        string.Join(' ', new[] { first, last }.Where(part => !string.IsNullOrEmpty(part)));
}
