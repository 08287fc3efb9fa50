using System.Globalization;

namespace SyncOps.Configuration;

/// <summary>
/// Durations as people write them in settings and on the command line: a whole number and one unit, <c>s</c>, <c>m</c>,
/// <c>h</c> or <c>d</c> (<c>60s</c>, <c>15m</c>, <c>1h</c>, <c>2d</c>).
/// </summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length < 2
            || !long.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > 100_000_000)
        {
            return false;
        }

        duration = char.ToLowerInvariant(value[^1]) switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }

    /// <summary>Parses or throws a <see cref="SyncOpsException"/> naming <paramref name="what"/> and the accepted forms.</summary>
    public static TimeSpan Parse(string? text, string what) =>
        TryParse(text, out var duration)
            ? duration
            : throw new SyncOpsException($"{what}: \"{text}\" is not a duration; write a whole number and a unit, e.g. 60s, 15m, 1h or 2d");

    /// <summary>The shortest exact form: 900 s prints as <c>15m</c>.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0 ? $"{(long)duration.TotalDays}d"
        : duration.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(long)duration.TotalHours}h"
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{(long)duration.TotalMinutes}m"
        : $"{(long)duration.TotalSeconds}s";
}
