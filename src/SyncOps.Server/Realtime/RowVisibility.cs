using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using SyncOps.Server.Auth;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Whether a subscriber may see a row as a change wrote it. Row-level security is applied to that version of the row,
/// not to the table as it is by the time the change is delivered (which a later UPDATE or DELETE may already have
/// changed): the table's SELECT policies are evaluated on the row rebuilt from the log
/// (<c>jsonb_populate_record</c>), as the subscriber (role, JWT claims, a statement timeout, read only), so that
/// functions such as <c>auth.uid()</c> in a policy see who is asking.
/// </summary>
internal sealed class RowVisibility(NpgsqlDataSource dataSource, TablePolicies policies)
{
    private static readonly TimeSpan s_statementTimeout = TimeSpan.FromSeconds(5);

    public async Task<bool> IsVisibleAsync(
        RequestIdentity identity, RowChange change, JsonObject row, CancellationToken cancellationToken)
    {
        var policy = await policies.GetAsync(change.Schema, change.Table, identity.Role, cancellationToken);
        if (policy.Unrestricted)
        {
            return true;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
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
        // Names come from the log's relation message (the catalog) and the condition from pg_policies, never from a
        // client. The alias is the table's own name, so a policy that names its columns table.column still reads.
        var table = Quote(change.Table);
        var check = new NpgsqlBatchCommand(
            $"select exists (select 1 from jsonb_populate_record(null::{Quote(change.Schema)}.{table}, $1::jsonb) " +
            $"as {table} where {policy.Condition})");
        check.Parameters.Add(new NpgsqlParameter { Value = row.ToJsonString(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(check);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var visible = await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0);
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return visible;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
