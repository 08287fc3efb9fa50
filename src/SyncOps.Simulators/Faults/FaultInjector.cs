using System.Collections.Concurrent;

namespace SyncOps.Simulators;

/// <summary>
/// Decides which list requests fail and how: faults queued by a test come first (deterministic), then the random
/// share of <see cref="SimulatorOptions.FaultRate"/>, drawn from a seeded generator.
/// </summary>
public sealed class FaultInjector(SimulatorOptions options)
{
    private readonly ConcurrentQueue<FaultKind> _scripted = new();
    private readonly Random _random = new(options.Seed);
    private readonly Lock _lock = new();
    private int _served;

    /// <summary>How many faults were served so far.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>The next <paramref name="count"/> list requests get this fault.</summary>
    public void InjectNext(FaultKind fault, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _scripted.Enqueue(fault);
        }
    }

    public FaultKind? Next()
    {
        if (_scripted.TryDequeue(out var scripted))
        {
            Interlocked.Increment(ref _served);
            return scripted;
        }

        if (options.FaultRate <= 0 || options.Faults.Count == 0)
        {
            return null;
        }

        lock (_lock)
        {
            if (_random.NextDouble() >= options.FaultRate)
            {
                return null;
            }

            Interlocked.Increment(ref _served);
            return options.Faults[_random.Next(options.Faults.Count)];
        }
    }
}
