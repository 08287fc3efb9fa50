namespace SyncOps.Server.Rest.Sql;

/// <summary>
/// A count from the planner (PostgREST Query.hs <c>resultSetWTotal</c>): <c>planned</c> is the <c>Plan Rows</c> of
/// <c>EXPLAIN (FORMAT JSON)</c> on the count query; <c>estimated</c> counts exactly up to db-max-rows + 1 and asks the
/// planner only above <see cref="Above"/>, answering the larger of the two. <see cref="Sql"/> uses the statement's own
/// parameters ($1…), so both run with the same values.
/// </summary>
internal sealed record PlannedCount(string Sql, long? Above);
