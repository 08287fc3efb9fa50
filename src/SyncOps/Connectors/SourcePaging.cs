namespace SyncOps.Connectors;

/// <summary>
/// How a pull walks a source's list. The engine's cursor is always an int "offset"; what it means depends on the mode.
/// </summary>
public enum SourcePaging
{
    /// <summary>Row offset (WooCommerce <c>offset</c>, Odoo <c>offset</c>): the default, exact for checkpoints.</summary>
    Offset,

    /// <summary>WooCommerce <c>page</c> numbers (page = offset / page size + 1), for a store or cache that ignores <c>offset</c>.</summary>
    PageNumber,

    /// <summary>
    /// Odoo id ranges: the cursor is an id and a page is every record with <c>cursor &lt; id &lt;= cursor + page size</c>,
    /// so records inserted or deleted elsewhere in the list never shift a page.
    /// </summary>
    IdRange,
}
