namespace SyncOps.Simulators;

/// <summary>Deterministic, realistic-looking values for generated records.</summary>
internal static class Names
{
    private static readonly string[] s_first = ["John", "João", "Maria", "Aiko", "Liam", "Fatima", "Chen", "Olga", "Pierre", "Amara", "Lucas", "Sofia"];
    private static readonly string[] s_last = ["Doe", "Silva", "Garcia", "Tanaka", "Smith", "Khan", "Wei", "Ivanova", "Martin", "Okafor", "Rossi", "Müller"];
    private static readonly (string City, string State, string Country)[] s_places =
    [
        ("San Francisco", "CA", "US"), ("Rio de Janeiro", "RJ", "BR"), ("Lyon", "", "FR"), ("Osaka", "", "JP"),
        ("Berlin", "", "DE"), ("Lagos", "LA", "NG"), ("Toronto", "ON", "CA"), ("Milano", "MI", "IT"),
    ];
    private static readonly string[] s_products = ["Ship Your Idea", "Premium Quality", "Woo Single", "Happy Ninja", "Woo Logo", "Flying Ninja", "Woo Album", "Patient Ninja"];
    private static readonly string[] s_orderStatuses = ["processing", "completed", "on-hold", "pending", "completed", "completed"];

    /// <summary>SplitMix64 over the inputs: stable across processes (HashCode is randomised per process).</summary>
    public static int Mix(int seed, int index, int salt)
    {
        var z = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)index * 0xBF58476D1CE4E5B9UL) ^ ((ulong)(uint)salt * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7fffffff);
    }

    public static string First(int seed, int index) => s_first[Mix(seed, index, 1) % s_first.Length];

    public static string Last(int seed, int index) => s_last[Mix(seed, index, 2) % s_last.Length];

    public static (string City, string State, string Country) Place(int seed, int index) => s_places[Mix(seed, index, 3) % s_places.Length];

    public static string Product(int seed, int index) => s_products[Mix(seed, index, 4) % s_products.Length];

    public static string OrderStatus(int seed, int index, int revision) => s_orderStatuses[(Mix(seed, index, 5) + revision) % s_orderStatuses.Length];

    public static decimal Price(int seed, int index) => (Mix(seed, index, 6) % 20_000 / 100m) + 1m;

    public static string Email(string first, string last, long id) =>
        $"{Ascii(first)}.{Ascii(last)}.{id}@example.com".ToLowerInvariant();

    private static string Ascii(string value) => value.Replace("ã", "a", StringComparison.Ordinal).Replace("ü", "u", StringComparison.Ordinal);
}
