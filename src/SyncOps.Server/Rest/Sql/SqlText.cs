namespace SyncOps.Server.Rest.Sql;

/// <summary>Identifier quoting for names that come from pg_catalog (never for request text).</summary>
internal static class SqlText
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
