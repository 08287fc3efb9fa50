namespace SyncOps.Tests.Scheduling;

/// <summary>Interval schedules, catch-up after downtime, pause and resume, full scans: the scheduler with a fake clock.</summary>
public sealed class SchedulerTests(SchedulingDatabase database) : SchedulingTest(database)
{
    [Fact]
    public async Task Interval_Every15m_QueuesOneIncrementalRunPerTick()
    {
        var connection = await AddConnectionAsync();
        var schedule = await AddEveryAsync(connection, TimeSpan.FromMinutes(15));
        var scheduler = NewScheduler();

        var first = await scheduler.RunOnceAsync();
        Assert.Equal(1, first.Queued);
        await FinishJobsAsync();
        Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, (await scheduler.RunOnceAsync()).Queued);
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await scheduler.RunOnceAsync()).Queued);

        var jobs = await JobsAsync();
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, job => Assert.False(job.Full));
        var reloaded = await ReloadAsync(schedule);
        Assert.Equal(Start + TimeSpan.FromMinutes(30), reloaded.NextRunAt);
        Assert.Equal(Start + TimeSpan.FromMinutes(15), reloaded.LastRunAt);
        Assert.Equal(jobs[1].Id, reloaded.LastJobId);
        Assert.Equal("queued", reloaded.LastJobStatus);
    }

    [Fact]
    public async Task CatchUp_AfterThreeHoursDown_QueuesOneRunNotTwelve()
    {
        var connection = await AddConnectionAsync();
        var schedule = await AddEveryAsync(connection, TimeSpan.FromMinutes(15));
        var scheduler = NewScheduler();
        await scheduler.RunOnceAsync();
        await FinishJobsAsync();

        Clock.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(5));
        var catchUp = await scheduler.RunOnceAsync();
        var again = await scheduler.RunOnceAsync();

        Assert.Equal(1, catchUp.Queued);
        Assert.Equal(0, again.Queued);
        Assert.Equal(2, (await JobsAsync()).Count);
        // The phase is kept: the next tick is the first one of the old grid after now (09:00 + 3h15m).
        Assert.Equal(Start + TimeSpan.FromMinutes(195), (await ReloadAsync(schedule)).NextRunAt);
    }

    [Fact]
    public async Task DueWhileRunStillActive_SkipsTickWithoutSecondJob()
    {
        var connection = await AddConnectionAsync();
        var schedule = await AddEveryAsync(connection, TimeSpan.FromMinutes(15));
        var scheduler = NewScheduler();
        await scheduler.RunOnceAsync();

        Clock.Advance(TimeSpan.FromMinutes(15));
        var pass = await scheduler.RunOnceAsync();

        Assert.Equal(0, pass.Queued);
        Assert.Equal(1, pass.Skipped);
        Assert.Single(await JobsAsync());
        Assert.Equal(Start + TimeSpan.FromMinutes(30), (await ReloadAsync(schedule)).NextRunAt);
    }

    [Fact]
    public async Task PauseAndResume_PausedQueuesNothing_ResumedRunsOnceFromNow()
    {
        var connection = await AddConnectionAsync();
        var schedule = await AddEveryAsync(connection, TimeSpan.FromMinutes(15));
        var scheduler = NewScheduler();
        await Schedules.SetPausedAsync(OrgId, schedule.Id, paused: true);

        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await scheduler.RunOnceAsync()).Queued);
        Assert.Empty(await JobsAsync());

        var resumed = await Schedules.SetPausedAsync(OrgId, schedule.Id, paused: false);
        Assert.False(resumed.Paused);
        Assert.Equal(Start + TimeSpan.FromHours(2), resumed.NextRunAt);
        Assert.Equal(1, (await scheduler.RunOnceAsync()).Queued);
        Assert.Equal(0, (await scheduler.RunOnceAsync()).Queued);
        Assert.Single(await JobsAsync());
        Assert.Equal(Start + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(15), (await ReloadAsync(schedule)).NextRunAt);
    }

    [Fact]
    public async Task FullScanCron_At0300_QueuesFullScanThatAlsoServesTheIncrementalTick()
    {
        var connection = await AddConnectionAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 3, 7, 2, 0, 0, TimeSpan.Zero));
        var schedule = await AddEveryAsync(connection, TimeSpan.FromHours(1), fullScanCron: "0 3 * * *");
        var scheduler = NewScheduler();
        await scheduler.RunOnceAsync();
        await FinishJobsAsync();

        Clock.Advance(TimeSpan.FromHours(1));
        var pass = await scheduler.RunOnceAsync();

        Assert.Equal(1, pass.Queued);
        var jobs = await JobsAsync();
        Assert.Equal([false, true], jobs.Select(job => job.Full));
        var reloaded = await ReloadAsync(schedule);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.Zero), reloaded.NextFullScanAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 7, 4, 0, 0, TimeSpan.Zero), reloaded.NextRunAt);
    }

    [Fact]
    public async Task Remove_DeletesSchedule_SecondRemoveSaysItDoesNotExist()
    {
        var connection = await AddConnectionAsync();
        var schedule = await AddEveryAsync(connection, TimeSpan.FromMinutes(15));

        await Schedules.RemoveAsync(OrgId, schedule.Id);

        Assert.Empty(await Schedules.ListAsync(OrgId));
        var error = await Assert.ThrowsAsync<SyncOpsException>(() => Schedules.RemoveAsync(OrgId, schedule.Id));
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
