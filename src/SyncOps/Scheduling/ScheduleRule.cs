using System.Buffers.Binary;
using Cronos;
using SyncOps.Configuration;

namespace SyncOps.Scheduling;

/// <summary>
/// When a schedule runs: every <see cref="Every"/>, or at each occurrence of <see cref="Cron"/> read in
/// <see cref="TimeZone"/> (so "0 3 * * *" stays 03:00 local across daylight-saving changes); a full scan at each
/// occurrence of <see cref="FullScanCron"/>; each run shifted by a fixed offset below <see cref="Jitter"/>.
/// </summary>
public sealed class ScheduleRule
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan DefaultJitter = TimeSpan.FromSeconds(30);

    private readonly CronExpression? _cron;
    private readonly CronExpression? _fullScanCron;
    private readonly TimeZoneInfo _zone;

    private ScheduleRule(TimeSpan? every, string? cron, string timeZone, string? fullScanCron, TimeSpan jitter)
    {
        Every = every;
        Cron = cron;
        TimeZone = timeZone;
        FullScanCron = fullScanCron;
        Jitter = jitter;
        _zone = FindZone(timeZone);
        _cron = cron is null ? null : ParseCron(cron, "--cron");
        _fullScanCron = fullScanCron is null ? null : ParseCron(fullScanCron, "--full-scan-cron");
    }

    public TimeSpan? Every { get; }

    public string? Cron { get; }

    public string TimeZone { get; }

    public string? FullScanCron { get; }

    public TimeSpan Jitter { get; }

    /// <summary>
    /// Validates a rule; every mistake is a <see cref="SyncOpsException"/> saying what is wrong. Jitter defaults to 30 s,
    /// and to a tenth of a shorter interval's length, so that jitter never reorders runs.
    /// </summary>
    public static ScheduleRule Create(
        TimeSpan? every, string? cron, string? timeZone = null, string? fullScanCron = null, TimeSpan? jitter = null)
    {
        cron = string.IsNullOrWhiteSpace(cron) ? null : cron.Trim();
        fullScanCron = string.IsNullOrWhiteSpace(fullScanCron) ? null : fullScanCron.Trim();
        if ((every is null) == (cron is null))
        {
            throw new SyncOpsException("a schedule needs exactly one of --every (e.g. 15m) and --cron (e.g. \"0 * * * *\")");
        }

        if (every is { } interval && (interval < MinimumInterval || interval > TimeSpan.FromDays(31) || interval.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            throw new SyncOpsException($"--every {DurationText.Format(interval)}: an interval must be whole seconds between 1m and 31d");
        }

        if (every is not null && !string.IsNullOrWhiteSpace(timeZone))
        {
            throw new SyncOpsException("--tz applies to --cron; an --every interval does not depend on a time zone");
        }

        var spread = jitter ?? (every is { } e && e / 10 < DefaultJitter ? TimeSpan.FromSeconds(Math.Floor((e / 10).TotalSeconds)) : DefaultJitter);
        if (spread < TimeSpan.Zero || spread > TimeSpan.FromHours(1))
        {
            throw new SyncOpsException("jitter must be between 0 s and 1 h");
        }

        return new ScheduleRule(every, cron, string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim(), fullScanCron, spread);
    }

    /// <summary>This schedule's fixed shift within the jitter window, from its id: stable across restarts and processes.</summary>
    public TimeSpan OffsetFor(Guid scheduleId)
    {
        var seconds = (long)Jitter.TotalSeconds;
        if (seconds <= 0)
        {
            return TimeSpan.Zero;
        }

        Span<byte> bytes = stackalloc byte[16];
        scheduleId.TryWriteBytes(bytes);
        return TimeSpan.FromSeconds(BinaryPrimitives.ReadUInt32LittleEndian(bytes) % seconds);
    }

    /// <summary>The first run of a new (or resumed, or changed) schedule: an interval starts now, a cron at its next tick.</summary>
    public DateTimeOffset FirstRun(Guid scheduleId, DateTimeOffset now) =>
        _cron is null ? now + OffsetFor(scheduleId) : NextOccurrence(_cron, scheduleId, now);

    /// <summary>
    /// The run after the one due at <paramref name="due"/>, strictly after <paramref name="now"/>: ticks missed while no
    /// scheduler ran collapse into the one run being queued now. An interval keeps its phase.
    /// </summary>
    public DateTimeOffset NextRun(Guid scheduleId, DateTimeOffset due, DateTimeOffset now)
    {
        if (_cron is not null)
        {
            return NextOccurrence(_cron, scheduleId, now);
        }

        var every = Every!.Value;
        var missed = now < due ? 0 : (now - due).Ticks / every.Ticks;
        return due + TimeSpan.FromTicks(every.Ticks * (missed + 1));
    }

    /// <summary>The next full scan strictly after <paramref name="now"/>; null when the rule has none.</summary>
    public DateTimeOffset? NextFullScan(Guid scheduleId, DateTimeOffset now) =>
        _fullScanCron is null ? null : NextOccurrence(_fullScanCron, scheduleId, now);

    private DateTimeOffset NextOccurrence(CronExpression expression, Guid scheduleId, DateTimeOffset now)
    {
        var offset = OffsetFor(scheduleId);
        var tick = expression.GetNextOccurrence(now - offset, _zone)
            ?? throw new SyncOpsException($"cron expression \"{expression}\" has no future occurrence");
        return tick + offset;
    }

    private static CronExpression ParseCron(string text, string option)
    {
        if (!CronExpression.TryParse(text, CronFormat.Standard, out var expression))
        {
            throw new SyncOpsException(
                $"{option} \"{text}\" is not a cron expression; write five fields: minute hour day-of-month month day-of-week, e.g. \"0 3 * * *\"");
        }

        // An expression such as "0 0 30 2 *" (30 February) parses but never occurs.
        if (expression.GetNextOccurrence(DateTime.SpecifyKind(new DateTime(2000, 1, 1), DateTimeKind.Utc)) is null)
        {
            throw new SyncOpsException($"{option} \"{text}\" never occurs");
        }

        return expression;
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new SyncOpsException($"--tz \"{id}\" is not a time zone; use an IANA name such as Europe/Brussels or UTC");
        }
        catch (InvalidTimeZoneException)
        {
            throw new SyncOpsException($"--tz \"{id}\" is not a valid time zone on this machine");
        }
    }
}
