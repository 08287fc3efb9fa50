using SyncOps.Alerts;

namespace SyncOps.Server.Workers;

/// <summary>
/// Evaluates alert rules and delivers alerts under <c>serve</c>, one process at a time (<see cref="AlertEvaluator"/>),
/// every <see cref="WorkerOptions.AlertInterval"/>.
/// </summary>
internal sealed partial class AlertService(AlertEvaluator evaluator, WorkerOptions options, TimeProvider timeProvider, ILogger<AlertService> logger)
    : PeriodicService(timeProvider, logger)
{
    protected override TimeSpan Interval => options.AlertInterval;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await evaluator.RunOnceAsync(cancellationToken) is not { } pass)
        {
            return;
        }

        if (pass.Opened + pass.Resolved > 0)
        {
            LogIncidents(logger, pass.Opened, pass.Resolved);
        }

        foreach (var delivery in pass.Sent.Where(d => d.Status != "delivered"))
        {
            LogNotDelivered(logger, delivery.Id, delivery.OrgId, delivery.Status, delivery.Attempts, delivery.LastError);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "alerts: {Opened} incidents opened, {Resolved} resolved")]
    private static partial void LogIncidents(ILogger logger, int opened, int resolved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "alert delivery {Delivery} of {OrgId} not delivered ({Status} after {Attempts} attempts): {Error}")]
    private static partial void LogNotDelivered(ILogger logger, long delivery, string orgId, string status, int attempts, string? error);
}
