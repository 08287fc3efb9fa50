namespace SyncOps.Tests.Scheduling;

/// <summary>Cron schedules read in a time zone: Europe/Brussels across both daylight-saving changes of 2026.</summary>
public sealed class CronScheduleTests(SchedulingDatabase database) : SchedulingTest(database)
{
    [Fact]
    public async Task Cron0300Brussels_AcrossSpringForward_StaysAt0300LocalTime()
    {
        // 2026-03-29 02:00 CET becomes 03:00 CEST: 03:00 local is 02:00Z before and 01:00Z after.
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero));
        var connection = await AddConnectionAsync();
        var schedule = await AddCronAsync(connection, "0 3 * * *", "Europe/Brussels");
        var scheduler = NewScheduler();
        var runs = new List<DateTimeOffset?>();

        for (var day = 0; day < 3; day++)
        {
            var due = (await ReloadAsync(schedule)).NextRunAt!.Value;
            runs.Add(due);
            Clock.SetUtcNow(due);
            Assert.Equal(1, (await scheduler.RunOnceAsync()).Queued);
            await FinishJobsAsync();
        }

        Assert.Equal(
            [new DateTimeOffset(2026, 3, 28, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),
             new DateTimeOffset(2026, 3, 30, 1, 0, 0, TimeSpan.Zero)],
            runs);
        Assert.Equal(3, (await JobsAsync()).Count);
    }

    [Fact]
    public async Task Cron0230Brussels_OnFallBackNight_RunsOnceNotTwice()
    {
        // 2026-10-25 03:00 CEST becomes 02:00 CET: 02:30 local happens at 00:30Z and again at 01:30Z.
        Clock.SetUtcNow(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero));
        var connection = await AddConnectionAsync();
        var schedule = await AddCronAsync(connection, "30 2 * * *", "Europe/Brussels");
        var scheduler = NewScheduler();
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), schedule.NextRunAt);

        Clock.SetUtcNow(schedule.NextRunAt!.Value);
        Assert.Equal(1, (await scheduler.RunOnceAsync()).Queued);
        await FinishJobsAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero));
        Assert.Equal(0, (await scheduler.RunOnceAsync()).Queued);

        Assert.Single(await JobsAsync());
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 30, 0, TimeSpan.Zero), (await ReloadAsync(schedule)).NextRunAt);
    }

    [Fact]
    public async Task Jitter_ThirtySchedulesAtTheHour_SpreadWithinTheWindow()
    {
        Clock.Advance(TimeSpan.FromMinutes(30));
        var tick = Start + TimeSpan.FromHours(1);
        var offsets = new HashSet<TimeSpan>();
        for (var i = 0; i < 30; i++)
        {
            var connection = await AddConnectionAsync();
            var schedule = await Schedules.AddAsync(new SyncOps.Scheduling.NewSchedule(
                OrgId, connection, "order", SyncOps.Scheduling.ScheduleRule.Create(null, "0 * * * *", "UTC")));
            Assert.Equal(30, schedule.JitterSeconds);
            var offset = schedule.NextRunAt!.Value - tick;
            Assert.InRange(offset, TimeSpan.Zero, TimeSpan.FromSeconds(29));
            offsets.Add(offset);
        }

        // 30 ids over 30 one-second slots: all in one slot would mean no spreading at all.
        Assert.True(offsets.Count >= 5, $"only {offsets.Count} distinct offsets");
    }
}
