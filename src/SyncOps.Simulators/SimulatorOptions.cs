namespace SyncOps.Simulators;

/// <summary>What a simulated store holds and how it misbehaves. Deterministic for a given <see cref="Seed"/>.</summary>
public sealed record SimulatorOptions
{
    public int Customers { get; init; } = 100;

    public int Products { get; init; } = 50;

    public int Orders { get; init; } = 200;

    public int Seed { get; init; } = 1;

    /// <summary>Share of list requests (0..1) answered with a random fault from <see cref="Faults"/>.</summary>
    public double FaultRate { get; init; }

    public IReadOnlyList<FaultKind> Faults { get; init; } = Enum.GetValues<FaultKind>();

    /// <summary>Records of each entity modified per second while the simulator runs (0: none).</summary>
    public int ChurnPerSecond { get; init; }

    /// <summary>Every Nth record of each entity has an unparseable date (0: none): a record the engine cannot map.</summary>
    public int BadRecordEvery { get; init; }

    /// <summary>Every Nth product is variable, with <see cref="VariationsPerProduct"/> variations (0: none).</summary>
    public int VariableProductEvery { get; init; } = 5;

    public int VariationsPerProduct { get; init; } = 3;

    public string ConsumerKey { get; init; } = "ck_simulator";

    public string ConsumerSecret { get; init; } = "cs_simulator";

    public string OdooDatabase { get; init; } = "simulator";

    public string OdooLogin { get; init; } = "bot@example.com";

    public string OdooApiKey { get; init; } = "odoo-simulator-key";

    /// <summary>The Odoo major version served (/web/version); 19 and later also speak JSON-2.</summary>
    public int OdooVersion { get; init; } = 17;

    /// <summary>Models the API key's user may not read: JSON-2 answers 403 AccessError, JSON-RPC its error envelope.</summary>
    public IReadOnlyList<string> OdooDeniedModels { get; init; } = [];

    /// <summary>How long a "timeout" fault holds the request before giving up (the client should time out first).</summary>
    public TimeSpan TimeoutFaultDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan SlowFaultDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The store (or a cache in front of it) ignores <c>offset</c>: every request gets the page its <c>page</c> names.</summary>
    public bool IgnoresOffset { get; init; }

    /// <summary>With <see cref="IgnoresOffset"/>: <c>page</c> is ignored too, so every list request gets the first page.</summary>
    public bool IgnoresPageNumber { get; init; }

    /// <summary>The Nth list request (1-based) is answered with the previous request's page once, as a stale cache would (0: never).</summary>
    public int RepeatPageAtRequest { get; init; }

    /// <summary>X-WP-Total claims this many records more than any page lists (a plugin hiding records from the list but not the count).</summary>
    public int OverstatesTotalBy { get; init; }

    /// <summary>
    /// WooCommerce only: where to deliver a webhook for every change the simulator makes (churn: <c>*.updated</c>;
    /// records inserted or deleted mid-scan: <c>*.created</c>, <c>*.deleted</c>); null sends none.
    /// </summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The secret the deliveries are signed with (what <c>syncops connection webhooks</c> prints).</summary>
    public string WebhookSecret { get; init; } = "";

    /// <summary>Records inserted and deleted while a scan runs (null: none).</summary>
    public ScanChange? ChangeDuringScan { get; init; }
}
