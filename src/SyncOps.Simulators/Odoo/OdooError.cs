namespace SyncOps.Simulators.Odoo;

/// <summary>An Odoo exception by its Python name (<c>odoo.exceptions.AccessError</c>...), with the HTTP status JSON-2 gives it.</summary>
internal sealed class OdooError(string name, string message, int status = 422) : Exception(message)
{
    public string Name { get; } = name;

    public int Status { get; } = status;
}
