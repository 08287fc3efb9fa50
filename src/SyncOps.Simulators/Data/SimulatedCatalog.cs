namespace SyncOps.Simulators;

/// <summary>
/// The records of one simulated store: customers, products (every Nth variable, with variations) and orders, plus the
/// churn that modifies some of them while it runs.
/// </summary>
public sealed class SimulatedCatalog
{
    /// <summary>WordPress numbers users apart from posts; products, variations and orders share the post ids.</summary>
    public const long ProductIdBase = 100_000;
    public const long OrderIdBase = 5_000_000;
    private static readonly DateTime s_base = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly Random _churnRandom;
    private readonly Lock _churnLock = new();

    public SimulatedCatalog(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Customers = new SimulatedEntity(options.Customers, i => i + 1, s_base);
        // Room for variations after each product id.
        Products = new SimulatedEntity(options.Products, i => ProductIdBase + (i * 10L), s_base.AddMinutes(7));
        Orders = new SimulatedEntity(options.Orders, i => OrderIdBase + i, s_base.AddMinutes(13));
        _churnRandom = new Random(options.Seed * 7919);
    }

    public SimulatorOptions Options { get; }

    public SimulatedEntity Customers { get; }

    public SimulatedEntity Products { get; }

    public SimulatedEntity Orders { get; }

    public SimulatedEntity Entity(string name) => name switch
    {
        "customer" => Customers,
        "product" => Products,
        "order" => Orders,
        _ => throw new ArgumentException($"unknown entity {name}", nameof(name)),
    };

    public bool IsVariable(int productIndex) => Options.VariableProductEvery > 0 && productIndex % Options.VariableProductEvery == 0;

    public bool IsBad(int index) => Options.BadRecordEvery > 0 && (index + 1) % Options.BadRecordEvery == 0;

    /// <summary>Modifies <paramref name="count"/> random records of the entity now; returns their indexes.</summary>
    public IReadOnlyList<int> Churn(string entity, int count, DateTime nowUtc)
    {
        var target = Entity(entity);
        var touched = new List<int>();
        lock (_churnLock)
        {
            for (var i = 0; i < count && target.Count > 0; i++)
            {
                var index = _churnRandom.Next(target.Count);
                target.Touch(index, nowUtc);
                touched.Add(index);
            }
        }

        return touched;
    }
}
