using System.Diagnostics;
using Npgsql;

namespace SyncOps.Tests.Database;

/// <summary>Runs the pg_dump of the server's own major version against a database, schema only.</summary>
internal static class PgDump
{
    /// <summary>
    /// SyncOps' schemas (public, auth and every syncops_*). The monthly partitions of the audit log are left out: their
    /// names depend on the month the database was migrated in.
    /// </summary>
    private static readonly string[] s_arguments =
    [
        "--schema-only", "--no-owner", "--no-tablespaces",
        "--schema=public", "--schema=auth", "--schema=syncops_*",
        "--exclude-table=public.sync_activity_log_[0-9]*",
    ];

    public static async Task<string> SchemaAsync(NpgsqlDataSource dataSource, string connectionString)
    {
        await using var version = dataSource.CreateCommand("select current_setting('server_version_num')::int / 10000");
        var major = (int)(await version.ExecuteScalarAsync())!;
        var program = $"/usr/lib/postgresql/{major}/bin/pg_dump";
        if (!File.Exists(program))
        {
            throw new InvalidOperationException(
                $"{program} is missing: docs/schema.sql is generated with the pg_dump of the server's version");
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // libpq's variables rather than a URL on the command line: no password in the process list.
            Environment =
            {
                ["PGHOST"] = builder.Host,
                ["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PGUSER"] = builder.Username,
                ["PGPASSWORD"] = builder.Password ?? "",
                ["PGDATABASE"] = builder.Database,
            },
        };
        foreach (var argument in s_arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await error}");
    }
}
