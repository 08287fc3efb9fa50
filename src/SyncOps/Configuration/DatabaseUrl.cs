using Npgsql;

namespace SyncOps.Configuration;

/// <summary>
/// Accepts what people put in <c>SYNCOPS_DATABASE_URL</c>: a <c>postgres://user:pass@host:port/db?sslmode=require</c>
/// URL (what psql, Supabase and RDS hand out) or an Npgsql key=value connection string.
/// </summary>
public static class DatabaseUrl
{
    public static string ToConnectionString(string urlOrConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(urlOrConnectionString);
        if (!urlOrConnectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) &&
            !urlOrConnectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(urlOrConnectionString).ConnectionString;
        }

        if (!Uri.TryCreate(urlOrConnectionString, UriKind.Absolute, out var uri))
        {
            throw new SyncOpsException("the database URL is not a valid URL");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
            }
            else if (key.Equals("application_name", StringComparison.OrdinalIgnoreCase))
            {
                builder.ApplicationName = value;
            }
        }

        return builder.ConnectionString;
    }
}
