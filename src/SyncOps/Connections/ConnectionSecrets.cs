namespace SyncOps.Connections;

/// <summary>
/// The credentials of a connection: WooCommerce consumer key and secret, or an Odoo API key (in <see cref="Secret"/>).
/// ToString is overridden so that a record printed by mistake shows no secret.
/// </summary>
public sealed record ConnectionSecrets(string? Key, string Secret)
{
    public override string ToString() => "ConnectionSecrets { *** }";
}
