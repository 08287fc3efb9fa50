namespace SyncOps.Bench.Eta;

/// <summary>
/// Syncs whose speed changes the way real ones do, plus a steady one. Two of them wait on a source's Retry-After, which
/// the engine announces (waiting_until). Each speed also varies ±20% from second to
/// second (page sizes, record sizes), from a fixed pseudo-random sequence so every run replays the same syncs.
/// </summary>
internal static class EtaScenarios
{
    private const int Total = 60_000;

    public static IReadOnlyList<EtaScenario> All { get; } =
    [
        new("steady 50/s", Total, t => Noisy(t, 50)),
        new("rate limit halves speed at 5 min (60 -> 30/s)", Total, t => Noisy(t, t < 300 ? 60 : 30)),
        new("burst: 2 min at 4x (40 -> 160 -> 40/s)", Total, t => Noisy(t, t is >= 300 and < 420 ? 160 : 40)),
        new("stalls: 60 s pause every 5 min (429 Retry-After)", Total, t => t % 300 >= 240 ? 0 : Noisy(t, 50),
            t => t % 300 >= 240 ? t - (t % 300) + 300 : null),
        new("gradual decay (80e^-t/15min + 10/s)", Total, t => Noisy(t, (80 * Math.Exp(-t / 900)) + 10)),
        new("warm-up: 20/s for 4 min, then 60/s", Total, t => Noisy(t, t < 240 ? 20 : 60)),
        new("long pause: 10 min Retry-After at 5 min (50/s)", Total, t => t is >= 300 and < 900 ? 0 : Noisy(t, 50),
            t => t is >= 300 and < 900 ? 900 : null),
        new("cache warms: 25/s rising to 75/s around 7 min", Total, t => Noisy(t, 25 + (50 / (1 + Math.Exp(-(t - 400) / 60))))),
    ];

    private static double Noisy(double t, double itemsPerSecond) => itemsPerSecond * (1 + (0.2 * Noise((long)t)));

    // A hash of the second, mapped to [-1, 1]: deterministic noise without System.Random.
    private static double Noise(long second)
    {
        var x = (ulong)second * 0x9E3779B97F4A7C15UL;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return ((x % 20001) / 10000.0) - 1;
    }
}
