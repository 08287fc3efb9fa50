namespace SyncOps.Scheduling;

/// <summary>A schedule to add: which organisation, connection and entity, and when (<see cref="ScheduleRule"/>).</summary>
public sealed record NewSchedule(string OrgId, Guid ConnectionId, string Entity, ScheduleRule Rule);
