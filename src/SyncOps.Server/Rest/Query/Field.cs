namespace SyncOps.Server.Rest.Query;

/// <summary>One step of a JSON path: <c>-&gt;key</c> keeps JSON, <c>-&gt;&gt;key</c> gives text (PostgREST url grammar).</summary>
internal sealed record JsonStep(string Key, bool AsText)
{
    /// <summary>PostgREST renders an all-digit key as an array index (<c>-&gt;0</c>), anything else as a key.</summary>
    public bool IsIndex => Key.Length is > 0 and < 10 && Key.TrimStart('-').Length > 0 && Key.TrimStart('-').All(char.IsAsciiDigit);
}

/// <summary>A column, optionally followed by a JSON path (<c>data-&gt;a-&gt;&gt;b</c>), as in select, filters and order.</summary>
internal sealed record Field(string Column, IReadOnlyList<JsonStep> Path)
{
    public static Field Plain(string column) => new(column, []);

    /// <summary>The key PostgREST gives the value without an alias: the last JSON key, else the column.</summary>
    public string OutputName => Path.Count == 0 ? Column : Path[^1].IsIndex ? Column : Path[^1].Key;

    /// <summary>True when the value is text: the column itself, or a path ending in <c>-&gt;&gt;</c>.</summary>
    public bool EndsAsText => Path.Count > 0 && Path[^1].AsText;
}
