namespace SyncOps.Connectors;

/// <summary>A source the engine pulls from (WooCommerce, Odoo). Offsets, not page numbers, so a checkpoint is exact.</summary>
public interface ISourceConnector
{
    string SourceSystem { get; }

    /// <summary>List rows per request.</summary>
    int PageSize { get; }

    /// <summary>
    /// Whether the source filters this entity by modification date itself. When it cannot (WooCommerce customers), every
    /// run is a full scan and unchanged records are skipped by their content hash.
    /// </summary>
    bool FiltersByModification(string entity);

    Task<SourceProbe> TestAsync(CancellationToken cancellationToken);

    /// <summary>The page starting at <paramref name="offset"/> of the entity's list, oldest change first.</summary>
    Task<SourcePage> FetchPageAsync(string entity, SourceWindow window, int offset, CancellationToken cancellationToken);

    /// <summary>
    /// The source's other way of paging, used when <paramref name="current"/> proved unreliable (the same page served
    /// twice, records missing): WooCommerce page numbers, Odoo id ranges; null when there is none left.
    /// </summary>
    SourcePaging? FallbackPaging(string entity, SourcePaging current);
}
