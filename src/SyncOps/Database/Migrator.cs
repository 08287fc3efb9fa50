using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SyncOps.Database;

/// <summary>
/// Applies the numbered forward-only scripts in <c>Database/Migrations</c>, each in its own transaction, under one
/// advisory lock so that several processes starting at once apply each script exactly once.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource dataSource, ILogger<Migrator>? logger = null)
{
    // Any constant works; it only has to be the same in every SyncOps process ("SyncOps" in ASCII).
    private const long AdvisoryLockKey = 0x53796e634f7073;
    private readonly ILogger _logger = logger ?? NullLogger<Migrator>.Instance;

    /// <summary>Applies what is missing and returns the names of the scripts this call applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "select pg_advisory_lock($1)", cancellationToken, AdvisoryLockKey);
        try
        {
            await ExecuteAsync(connection, """
                create table if not exists public.schema_migrations (
                    name text primary key,
                    checksum text not null,
                    applied_at timestamptz not null default now())
                """, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var appliedNow = new List<string>();
            foreach (var (name, sql) in SqlResources.Migrations())
            {
                var checksum = Checksum(sql);
                if (applied.TryGetValue(name, out var recorded))
                {
                    if (recorded != checksum && MigrationHistory.Find(name, recorded) is { } previous)
                    {
                        await UpgradeAsync(connection, previous, checksum, cancellationToken);
                    }
                    else if (recorded != checksum)
                    {
                        throw new SyncOpsException(
                            $"migration {name} was changed after it was applied (checksum {recorded} in the database, " +
                            $"{checksum} now): add a new migration instead of editing an applied one");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, sql, cancellationToken);
                await ExecuteAsync(connection, "insert into public.schema_migrations (name, checksum) values ($1, $2)",
                    cancellationToken, name, checksum);
                await transaction.CommitAsync(cancellationToken);
                LogApplied(_logger, name);
                appliedNow.Add(name);
            }

            return appliedNow;
        }
        finally
        {
            await ExecuteAsync(connection, "select pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>
    /// Brings a database that applied an earlier text of a migration (<see cref="MigrationHistory"/>) to the current
    /// one, in one transaction: the upgrade script when there is one, then the current checksum recorded.
    /// </summary>
    private async Task UpgradeAsync(
        NpgsqlConnection connection, PreviousVersion previous, string checksum, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (previous.UpgradeScript is { } script)
        {
            await ExecuteAsync(connection, SqlResources.Upgrade(script), cancellationToken);
        }

        await ExecuteAsync(connection, "update public.schema_migrations set checksum = $2 where name = $1",
            cancellationToken, previous.Name, checksum);
        await transaction.CommitAsync(cancellationToken);
        LogUpgraded(_logger, previous.Name);
    }

    /// <summary>True when every embedded script is recorded as applied.</summary>
    public async Task<bool> IsUpToDateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("select to_regclass('public.schema_migrations') is not null", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return false;
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return SqlResources.Migrations().All(m => applied.GetValueOrDefault(m.Name) == Checksum(m.Sql));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgraded migration {Migration} to its current text")]
    private static partial void LogUpgraded(ILogger logger, string migration);

    public static string Checksum(string sql) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))).ToLowerInvariant();

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("select name, checksum from public.schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.AddValues(parameters);

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
