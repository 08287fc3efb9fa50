namespace SyncOps.Bench.Infrastructure;

/// <summary>A clock the benchmark moves by hand, so an hour of scheduler passes runs in seconds.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
