namespace SyncOps.Bench.Activity;

/// <summary>One of the guide's audit-trail queries, with {0} standing for the table it reads.</summary>
internal sealed record ActivityQuery(string Name, string Sql, Func<int, object[]> Parameters);
