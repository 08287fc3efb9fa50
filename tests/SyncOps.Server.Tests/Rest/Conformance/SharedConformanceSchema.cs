namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// The conformance classes share one schema and its rows, and some of their cases commit a write for a moment (an
/// insert with its representation, then a delete) while others compare whole tables: run in parallel, a read of
/// <c>messages</c> once saw the message another class had just inserted. They run one after another in this
/// collection (they are quick), in parallel with every other test class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedConformanceSchema
{
    public const string Name = "PostgREST conformance schema";
}
