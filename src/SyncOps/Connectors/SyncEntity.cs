namespace SyncOps.Connectors;

/// <summary>The entities a sync pulls, as the CLI and <c>sync_progress.entity_type</c> name them.</summary>
public static class SyncEntity
{
    public const string Customer = "customer";
    public const string Product = "product";
    public const string Order = "order";

    public static readonly IReadOnlyList<string> All = [Customer, Product, Order];

    public static string Parse(string value) =>
        All.Contains(value) ? value : throw new SyncOpsException($"unknown entity \"{value}\": use customer, product or order");
}
