using System.Text.Json.Nodes;
using Npgsql;
using SyncOps.Security;
using SyncOps.Server.Auth;
using SyncOps.Server.Rest.Sql;

namespace SyncOps.Server.Realtime;

/// <summary>
/// Whether a subscriber may see a row as a change wrote it. Row-level security is applied to that version of the row,
/// not to the table as it is by the time the change is delivered (which a later UPDATE or DELETE may already have
/// changed): the table's SELECT policies are evaluated on the row rebuilt from the log
/// (<c>jsonb_populate_record</c>), as the subscriber through <see cref="UserSession"/> (role, JWT claims, a statement
/// timeout, read only), so that functions such as <c>auth.uid()</c> in a policy see who is asking.
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

        // Names come from the log's relation message (the catalog) and the condition from pg_policies, never from a
        // client. The alias is the table's own name, so a policy that names its columns table.column still reads.
        var table = SqlText.Quote(change.Table);
        var check = new NpgsqlBatchCommand(
            $"select exists (select 1 from jsonb_populate_record(null::{SqlText.Quote(change.Schema)}.{table}, $1::jsonb) " +
            $"as {table} where {policy.Condition})");
        check.Parameters.Add(new NpgsqlParameter { Value = row.ToJsonString(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        var user = new UserContext(identity.Role, identity.ClaimsJson) { StatementTimeout = s_statementTimeout, ReadOnly = true };
        return await UserSession.ExecuteAsync(dataSource, user, check,
            async reader => await reader.ReadAsync(cancellationToken) && reader.GetBoolean(0), cancellationToken);
    }
}
