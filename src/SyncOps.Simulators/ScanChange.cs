namespace SyncOps.Simulators;

/// <summary>
/// Changes the store's list while a client pages through it: right after answering list request number
/// <see cref="AfterRequest"/> (WooCommerce: list GETs; Odoo: search_read calls, the engine's first being its id-ceiling query), <see cref="Inserts"/> new records are created (dated now) and the first
/// <see cref="Deletes"/> records are deleted, which shifts every later offset.
/// </summary>
public sealed record ScanChange(int AfterRequest, int Inserts, int Deletes);
