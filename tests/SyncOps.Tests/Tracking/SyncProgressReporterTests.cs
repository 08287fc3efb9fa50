using Microsoft.Extensions.Time.Testing;
using SyncOps.Tracking;

namespace SyncOps.Tests.Tracking;

/// <summary>The throttled reporter: writes every N items or T, whichever first, and always the final count.</summary>
public sealed class SyncProgressReporterTests : DatabaseTest
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task ItemsProcessed_OneAtATime_WritesEveryEveryItems()
    {
        var (tracker, sync) = await StartAsync(5_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 100, Every = TimeSpan.FromHours(1) });

        for (var i = 0; i < 1_050; i++)
        {
            await reporter.ItemsProcessedAsync();
        }

        Assert.Equal(10, reporter.Writes);
        Assert.Equal(1_000, reporter.Latest.ProcessedCount);
        Assert.Equal(1_000, (await tracker.FindAsync(sync.OrgId, sync.SyncId))!.ProcessedCount);
        Assert.Equal(1_050, reporter.Processed);
    }

    [Fact]
    public async Task ItemsFailed_CountTowardsTheThreshold()
    {
        var (tracker, sync) = await StartAsync(5_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 10, Every = TimeSpan.FromHours(1) });

        await reporter.ItemsProcessedAsync(6);
        await reporter.ItemsFailedAsync(4);

        Assert.Equal(1, reporter.Writes);
        Assert.Equal((6, 4), (reporter.Latest.ProcessedCount, reporter.Latest.FailedCount));
    }

    [Fact]
    public async Task ItemsProcessed_IntervalElapsed_WritesBeforeItemThreshold()
    {
        var (tracker, sync) = await StartAsync(5_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 500, Every = TimeSpan.FromSeconds(1) });

        await reporter.ItemsProcessedAsync(3);
        var writesBefore = reporter.Writes;
        _clock.Advance(TimeSpan.FromMilliseconds(1_001));
        await reporter.ItemsProcessedAsync(1);

        Assert.Equal(0, writesBefore);
        Assert.Equal(1, reporter.Writes);
        Assert.Equal(4, (await tracker.FindAsync(sync.OrgId, sync.SyncId))!.ProcessedCount);
    }

    [Fact]
    public async Task IntervalElapsed_NothingNew_DoesNotWrite()
    {
        var (tracker, sync) = await StartAsync(5_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 2, Every = TimeSpan.FromSeconds(1) });
        await reporter.ItemsProcessedAsync(2);

        _clock.Advance(TimeSpan.FromSeconds(10));
        await reporter.ItemsProcessedAsync(0);

        Assert.Equal(1, reporter.Writes);
    }

    [Fact]
    public async Task Flush_PendingItems_WritesFinalCountAndCompletes()
    {
        var (tracker, sync) = await StartAsync(250);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 100, Every = TimeSpan.FromHours(1) });
        await reporter.ItemsProcessedAsync(240);
        await reporter.ItemsFailedAsync(9);
        await reporter.ItemsProcessedAsync(1);

        var final = await reporter.FlushAsync();

        Assert.Equal((241, 9), (final.ProcessedCount, final.FailedCount));
        Assert.Equal(SyncStatus.CompletedWithErrors, final.Status);
        Assert.Equal(2, reporter.Writes);
        Assert.Equal(1L, await SyncRows.LogCountAsync(DataSource, sync.OrgId, sync.SyncId));
    }

    [Fact]
    public async Task Flush_NothingPending_DoesNotWriteAgain()
    {
        var (tracker, sync) = await StartAsync(1_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 10, Every = TimeSpan.FromHours(1) });
        await reporter.ItemsProcessedAsync(10);

        var latest = await reporter.FlushAsync();

        Assert.Equal(1, reporter.Writes);
        Assert.Equal(10, latest.ProcessedCount);
    }

    [Fact]
    public async Task SetCounts_Absolute_WrittenOnFlush()
    {
        var (tracker, sync) = await StartAsync(1_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 500, Every = TimeSpan.FromHours(1) });

        await reporter.SetCountsAsync(120, 7);
        var final = await reporter.FlushAsync();

        Assert.Equal((120, 7), (final.ProcessedCount, final.FailedCount));
        Assert.Equal(1, reporter.Writes);
    }

    [Fact]
    public async Task ItemsProcessed_ManyTasksAtOnce_FinalCountIsExact()
    {
        var (tracker, sync) = await StartAsync(10_000);
        using var reporter = tracker.CreateReporter(sync, new ProgressReporterOptions { EveryItems = 250, Every = TimeSpan.FromHours(1) });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await reporter.ItemsProcessedAsync();
            }
        })));
        var final = await reporter.FlushAsync();

        Assert.Equal(4_000, final.ProcessedCount);
        Assert.InRange(reporter.Writes, 1, 17);
    }

    private async Task<(SyncTracker Tracker, SyncProgress Sync)> StartAsync(int total)
    {
        var tracker = new SyncTracker(DataSource, _clock);
        var sync = await tracker.StartAsync(new StartSync(TestDatabase.NewOrgId(), "products", "woocommerce", total, SyncId: "sync-1"));
        return (tracker, sync);
    }
}
