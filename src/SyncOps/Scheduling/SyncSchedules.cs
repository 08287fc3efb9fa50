using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;

namespace SyncOps.Scheduling;

/// <summary>
/// The owner of <c>sync_schedules</c>: every statement on it is here (this file: add, list, pause, resume, remove;
/// <c>SyncSchedules.Dispatch.cs</c>: claiming due schedules for the <see cref="Scheduler"/>).
/// </summary>
public sealed partial class SyncSchedules(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Select =
        """
        select s.id, s.org_id, s.connection_id, s.entity_type, s.every_seconds, s.cron, s.time_zone, s.full_scan_cron,
               s.jitter_seconds, s.paused, s.next_run_at, s.next_full_scan_at, s.last_run_at, s.last_job_id, j.status,
               s.last_error, s.created_at
        from public.sync_schedules s
        left join public.sync_jobs j on j.org_id = s.org_id and j.id = s.last_job_id
        """;

    /// <summary>
    /// Adds a schedule, planned at once. A connection of another organisation is refused by the database itself (the
    /// composite foreign key), and reported here in words.
    /// </summary>
    public async Task<SyncSchedule> AddAsync(NewSchedule schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var entity = SyncEntity.Parse(schedule.Entity);
        var id = Guid.NewGuid();
        var now = timeProvider.GetUtcNow();
        var rule = schedule.Rule;
        await using var command = dataSource.CreateCommand(
            """
            insert into public.sync_schedules (org_id, id, connection_id, entity_type, every_seconds, cron, time_zone,
                                               full_scan_cron, jitter_seconds, next_run_at, next_full_scan_at)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """);
        Add(command, schedule.OrgId, id, schedule.ConnectionId, entity, (int?)rule.Every?.TotalSeconds, rule.Cron, rule.TimeZone,
            rule.FullScanCron, (int)rule.Jitter.TotalSeconds, rule.FirstRun(id, now), rule.NextFullScan(id, now));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.ConstraintName == "sync_schedules_connection_fkey")
        {
            throw new SyncOpsException($"connection {schedule.ConnectionId} does not exist in organisation \"{schedule.OrgId}\"", e);
        }
        catch (PostgresException e) when (e.ConstraintName == "sync_schedules_connection_entity_key")
        {
            throw new SyncOpsException(
                $"connection {schedule.ConnectionId} already has a {entity} schedule in organisation \"{schedule.OrgId}\"; remove it first", e);
        }

        return await GetAsync(schedule.OrgId, id, cancellationToken)
            ?? throw new InvalidOperationException("a schedule just added is missing");
    }

    public async Task<IReadOnlyList<SyncSchedule>> ListAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Select + " where s.org_id = $1 order by s.created_at, s.id");
        Add(command, orgId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<SyncSchedule?> GetAsync(string orgId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Select + " where s.org_id = $1 and s.id = $2");
        Add(command, orgId, id);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 1 ? rows[0] : null;
    }

    /// <summary>
    /// Pauses or resumes. A resumed schedule is planned afresh from the time it resumes (the update trigger clears its
    /// next runs): the ticks it missed while paused are not caught up, since someone chose to skip them.
    /// </summary>
    public async Task<SyncSchedule> SetPausedAsync(string orgId, Guid id, bool paused, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("update public.sync_schedules set paused = $3 where org_id = $1 and id = $2");
        Add(command, orgId, id, paused);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw NotFound(orgId, id);
        }

        var schedule = (await GetAsync(orgId, id, cancellationToken))!;
        if (!paused && schedule.NextRunAt is null)
        {
            return await PlanAsync(schedule, cancellationToken);
        }

        return schedule;
    }

    public async Task RemoveAsync(string orgId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("delete from public.sync_schedules where org_id = $1 and id = $2");
        Add(command, orgId, id);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw NotFound(orgId, id);
        }
    }

    /// <summary>Plans an unplanned schedule right away, so that <c>resume</c> prints its next run.</summary>
    private async Task<SyncSchedule> PlanAsync(SyncSchedule schedule, CancellationToken cancellationToken)
    {
        var rule = schedule.Rule();
        var now = timeProvider.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            "update public.sync_schedules set next_run_at = $3, next_full_scan_at = $4 where org_id = $1 and id = $2 and next_run_at is null");
        Add(command, schedule.OrgId, schedule.Id, rule.FirstRun(schedule.Id, now), rule.NextFullScan(schedule.Id, now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return (await GetAsync(schedule.OrgId, schedule.Id, cancellationToken))!;
    }

    private static SyncOpsException NotFound(string orgId, Guid id) =>
        new($"schedule {id} does not exist in organisation \"{orgId}\"");

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
                DateTimeOffset at => new NpgsqlParameter { Value = at.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                _ => new NpgsqlParameter { Value = value },
            });
        }
    }

    private static async Task<List<SyncSchedule>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<SyncSchedule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : new DateTimeOffset(reader.GetDateTime(i), TimeSpan.Zero);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new SyncSchedule(
                reader.GetGuid(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4), Text(5), reader.GetString(6), Text(7), reader.GetInt32(8),
                reader.GetBoolean(9), At(10), At(11), At(12), reader.IsDBNull(13) ? null : reader.GetInt64(13), Text(14),
                Text(15), At(16)!.Value));
        }

        return rows;
    }
}
