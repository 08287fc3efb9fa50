namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// One SQL statement answering a request. Every statement returns one row: the exact total when a count was asked
/// for (else null), the number of rows it read or wrote, and the JSON body (null for minimal writes).
/// </summary>
internal sealed record Statement(string Sql, SqlParameters Parameters)
{
    /// <summary><c>Prefer: tx=rollback</c>: answer as usual, then roll the transaction back.</summary>
    public bool Rollback { get; init; }

    /// <summary><c>Prefer: count=planned|estimated</c>: the count query the planner estimates; null for none.</summary>
    public PlannedCount? PlannedCount { get; init; }
}
