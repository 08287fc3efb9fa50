using System.Globalization;
using Npgsql;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Whether one subscriber may see a changed row, checked as Supabase Realtime checks row-level security: in a read-only
/// transaction with the subscriber's role and JWT claims, <c>select exists (... where key = ...)</c>. True or false
/// while the row exists; null when it no longer does (deleted, or its key changed, by a later commit), which the hub
/// answers from whether the subscriber was shown the row before.
/// </summary>
internal sealed class VisibleRowReader(NpgsqlDataSource dataSource)
{
    private static readonly TimeSpan s_statementTimeout = TimeSpan.FromSeconds(5);

    public async Task<bool?> IsVisibleAsync(RequestIdentity identity, RowChange change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        // One implicit transaction: first, as the server (no RLS), does the row exist at all; then as the subscriber.
        batch.BatchCommands.Add(Check(change));
        var setup = new NpgsqlBatchCommand(
            "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true), " +
            "set_config('statement_timeout', $3, true), set_config('transaction_read_only', 'on', true)");
        setup.Parameters.Add(new NpgsqlParameter { Value = identity.Role });
        setup.Parameters.Add(new NpgsqlParameter { Value = identity.ClaimsJson });
        setup.Parameters.Add(new NpgsqlParameter
        {
            Value = ((long)s_statementTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        });
        batch.BatchCommands.Add(setup);
        batch.BatchCommands.Add(Check(change));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var exists = reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var visible = reader.GetBoolean(0);
        while (await reader.NextResultAsync(cancellationToken))
        {
        }
        return visible ? true : exists ? false : null;
    }

    /// <summary>Names come from the write-ahead log's relation message (the catalog), never from a client.</summary>
    private static NpgsqlBatchCommand Check(RowChange change)
    {
        var where = string.Join(" and ", change.Key.Select((key, i) => $"t.{Quote(key.Column)} = ${i + 1}::text::{key.Type}"));
        var command = new NpgsqlBatchCommand(
            $"select exists (select 1 from {Quote(change.Schema)}.{Quote(change.Table)} t where {where})");
        foreach (var key in change.Key)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)key.Value ?? DBNull.Value });
        }

        return command;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
