using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SyncOps.Connectors;
using SyncOps.Engine;
using SyncOps.Simulators;
using SyncOps.Tests.Infrastructure;

namespace SyncOps.Tests.Engine;

/// <summary>
/// One pass of <see cref="ScanIntegrity"/> fed pages by hand (a real WooCommerce connector answers its paging
/// questions): what a second copy of a record in the same pass does, now that the pass keeps ids, not dates.
/// </summary>
public sealed class ScanPassTests : EngineTest
{
    private static readonly DateTimeOffset s_passStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Observe_SecondCopyModifiedBeforeThePass_LeftOutAndCountedOnce()
    {
        var integrity = await StartPassAsync();
        var first = integrity.Observe(Page(Record("7", s_passStart.AddDays(-3)), Record("8", s_passStart.AddDays(-3))), 0);
        var again = integrity.Observe(Page(Record("8", s_passStart.AddDays(-3)), Record("9", null)), 2);

        Assert.Equal((2, 2), (first.Items.Count, first.NewRecords));
        // "8" again with a date from before the pass: the same version, not written twice; "9" is new.
        Assert.Equal(["9"], again.Items.Select(i => i.ExternalId));
        Assert.Equal(1, again.NewRecords);
    }

    [Fact]
    public async Task Observe_SecondCopyModifiedDuringThePassOrUndated_WrittenAgainButCountedOnce()
    {
        var integrity = await StartPassAsync();
        integrity.Observe(Page(Record("7", s_passStart.AddDays(-3)), Record("8", null)), 0);
        // (in another order than before, else it would be the same page for two offsets)
        var again = integrity.Observe(Page(Record("8", null), Record("7", s_passStart.AddSeconds(30))), 2);
        integrity.Observe(Page(Record("9", s_passStart.AddDays(-1))), 4);

        // Edited after the pass started (or no date to tell): possibly newer, so written; not a new record.
        Assert.Equal(["8", "7"], again.Items.Select(i => i.ExternalId));
        Assert.Equal(0, again.NewRecords);
        Assert.True(integrity.EndPass(null).Complete);
        var present = integrity.PresentIds()!;
        Assert.True(present("7") && present("8") && present("9"));
        Assert.False(present("10"));
    }

    private async Task<ScanIntegrity> StartPassAsync()
    {
        var store = await StartWooAsync(new SimulatorOptions { Customers = 1 });
        var connector = await Services.GetRequiredService<ConnectorFactory>().CreateAsync(await AddWooAsync(store));
        var integrity = new ScanIntegrity(connector, SyncEntity.Customer, new FakeTimeProvider(s_passStart), 3);
        integrity.StartPass(SourcePaging.Offset, 0);
        return integrity;
    }

    private static SourcePage Page(params SourceItem[] items) => new(items, items.Length, 3);

    private static SourceItem Record(string id, DateTimeOffset? updated) =>
        SourceItem.Mapped(new CanonicalRecord(id, [], s_passStart.AddDays(-10), updated, "{}", []));
}
