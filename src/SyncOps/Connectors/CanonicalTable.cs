namespace SyncOps.Connectors;

/// <summary>The canonical table of an entity and its mapped columns with their SQL types, in mapper order.</summary>
public sealed record CanonicalTable(string Name, IReadOnlyList<(string Column, string SqlType)> Columns)
{
    public static readonly CanonicalTable Customers = new("customers",
    [
        ("email", "text"), ("first_name", "text"), ("last_name", "text"), ("name", "text"), ("company", "text"),
        ("phone", "text"), ("city", "text"), ("country", "text"),
    ]);

    public static readonly CanonicalTable Products = new("products",
    [
        ("parent_external_id", "text"), ("name", "text"), ("sku", "text"), ("product_type", "text"), ("status", "text"),
        ("price", "numeric"), ("regular_price", "numeric"), ("stock_quantity", "integer"),
    ]);

    public static readonly CanonicalTable Orders = new("orders",
    [
        ("order_number", "text"), ("status", "text"), ("currency", "text"), ("total", "numeric"),
        ("customer_external_id", "text"), ("email", "text"), ("line_count", "integer"),
    ]);

    public static CanonicalTable For(string entity) => entity switch
    {
        SyncEntity.Customer => Customers,
        SyncEntity.Product => Products,
        SyncEntity.Order => Orders,
        _ => throw new SyncOpsException($"unknown entity \"{entity}\""),
    };
}
