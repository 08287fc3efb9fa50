using Microsoft.Extensions.DependencyInjection;
using SyncOps.Connections;
using SyncOps.Connectors;
using SyncOps.Scheduling;

namespace SyncOps.Cli.Commands;

/// <summary>
/// The demo's schedule: the demo shop's orders every 15 minutes (incremental) and a full scan nightly, which also marks
/// records deleted at the store. <c>serve</c>'s scheduler queues the first run within the jitter window, so the
/// dashboard shows a scheduled run soon after the demo starts. A second demo run keeps the schedule it finds.
/// </summary>
internal static class DemoSchedule
{
    public static async Task<SyncSchedule> EnsureAsync(IServiceProvider services, string orgId, Connection shop, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var schedules = services.GetRequiredService<SyncSchedules>();
        var existing = (await schedules.ListAsync(orgId, ct))
            .FirstOrDefault(s => s.ConnectionId == shop.Id && s.EntityType == SyncEntity.Order);
        return existing ?? await schedules.AddAsync(
            new NewSchedule(orgId, shop.Id, SyncEntity.Order, ScheduleRule.Create(TimeSpan.FromMinutes(15), null, fullScanCron: "0 3 * * *")), ct);
    }
}
