using Npgsql;
using NpgsqlTypes;
using SyncOps.Connectors;
using SyncOps.Database;

namespace SyncOps.Alerts;

/// <summary>
/// The owner of <c>alert_rules</c>. A channel, connection or schedule of another organisation is refused by the
/// database itself (composite foreign keys), and reported here in words.
/// </summary>
public sealed class AlertRules(NpgsqlDataSource dataSource)
{
    private const string Select =
        """
        select r.id, r.org_id, r.condition, r.connection_id, r.entity_type, r.schedule_id, r.threshold, r.after_seconds,
               r.channel_id, c.kind, c.url_host,
               (select count(*)::int from public.alert_incidents i
                where i.org_id = r.org_id and i.rule_id = r.id and i.resolved_at is null),
               r.created_at
        from public.alert_rules r
        join public.alert_channels c on c.org_id = r.org_id and c.id = r.channel_id
        """;

    public async Task<AlertRule> AddAsync(NewAlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var condition = AlertConditions.Parse(rule.Condition);
        var (threshold, afterSeconds) = Parameters(condition, rule);
        var entity = rule.Entity is null ? null : SyncEntity.Parse(rule.Entity);
        if (rule.ScheduleId is not null && condition != AlertConditions.ScheduleNotSucceeded)
        {
            throw new SyncOpsException($"a schedule can only be watched by {AlertConditions.ScheduleNotSucceeded}; {condition} watches syncs (use a connection and entity)");
        }

        var id = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(
            """
            insert into public.alert_rules (org_id, id, channel_id, condition, connection_id, entity_type, schedule_id, threshold, after_seconds)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        command.AddValues(rule.OrgId, id, rule.ChannelId, condition, SqlParameters.Typed(rule.ConnectionId, NpgsqlDbType.Uuid),
            SqlParameters.Typed(entity, NpgsqlDbType.Text), SqlParameters.Typed(rule.ScheduleId, NpgsqlDbType.Uuid),
            SqlParameters.Typed(threshold, NpgsqlDbType.Numeric), SqlParameters.Typed(afterSeconds, NpgsqlDbType.Integer));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            var what = e.ConstraintName switch
            {
                "alert_rules_connection_fkey" => $"connection {rule.ConnectionId}",
                "alert_rules_schedule_fkey" => $"schedule {rule.ScheduleId}",
                _ => $"alert channel {rule.ChannelId}",
            };
            throw new SyncOpsException($"{what} does not exist in organisation \"{rule.OrgId}\"", e);
        }

        return await GetAsync(rule.OrgId, id, cancellationToken) ?? throw new InvalidOperationException("a rule just added is missing");
    }

    public async Task<IReadOnlyList<AlertRule>> ListAsync(string orgId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Select + " where r.org_id = $1 order by r.created_at, r.id");
        command.AddValues(orgId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<AlertRule?> GetAsync(string orgId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(Select + " where r.org_id = $1 and r.id = $2");
        command.AddValues(orgId, id);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 1 ? rows[0] : null;
    }

    /// <summary>Removes a rule (its incidents go with it; its deliveries stay in the log) and returns its channel's id.</summary>
    public async Task<Guid> RemoveAsync(string orgId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("delete from public.alert_rules where org_id = $1 and id = $2 returning channel_id");
        command.AddValues(orgId, id);
        var rows = await command.ReadAllAsync(r => r.GetGuid(0), cancellationToken);
        return rows.Count == 1 ? rows[0] : throw NotFound(orgId, id);
    }

    internal static SyncOpsException NotFound(string orgId, Guid id) => new($"alert {id} does not exist in organisation \"{orgId}\"");

    /// <summary>Each condition's own parameter, checked here so that a person reads which option is wrong.</summary>
    private static (decimal? Threshold, int? AfterSeconds) Parameters(string condition, NewAlertRule rule)
    {
        decimal? threshold = condition switch
        {
            AlertConditions.ErrorsAbove => rule.Threshold is >= 0 and < 100 ? rule.Threshold
                : throw new SyncOpsException($"{condition} needs a percent of failed items from 0 to 99 (--percent)"),
            AlertConditions.SlowerThanBaseline => rule.Threshold is > 0 and < 100 ? rule.Threshold
                : throw new SyncOpsException($"{condition} needs how many percent slower than the baseline, from 1 to 99 (--percent)"),
            AlertConditions.ConsecutiveFailures => rule.Threshold is >= 2 and <= 100 && rule.Threshold == decimal.Truncate(rule.Threshold.Value)
                ? rule.Threshold : throw new SyncOpsException($"{condition} needs a whole number of failures in a row from 2 to 100 (--count)"),
            _ when rule.Threshold is not null => throw new SyncOpsException($"{condition} takes no threshold (--percent, --count)"),
            _ => null,
        };
        int? after = condition switch
        {
            AlertConditions.ScheduleNotSucceeded => rule.After is { } t && t >= TimeSpan.FromMinutes(1) && t <= TimeSpan.FromDays(31)
                ? (int)t.TotalSeconds : throw new SyncOpsException($"{condition} needs a time from 1m to 31d (--after)"),
            _ when rule.After is not null => throw new SyncOpsException($"{condition} takes no time (--after)"),
            _ => null,
        };
        return (threshold, after);
    }

    private static Task<List<AlertRule>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            r => new AlertRule(r.GetGuid(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetGuid(3),
                r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetGuid(5), r.IsDBNull(6) ? null : r.GetDecimal(6),
                r.IsDBNull(7) ? null : r.GetInt32(7), r.GetGuid(8), r.GetString(9), r.GetString(10), r.GetInt32(11),
                r.GetFieldValue<DateTimeOffset>(12)),
            cancellationToken);
}
