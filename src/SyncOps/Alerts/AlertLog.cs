using Npgsql;
using SyncOps.Database;

namespace SyncOps.Alerts;

/// <summary>
/// The owner of <c>alert_incidents</c> and <c>alert_deliveries</c>, the alert log (this file: incidents;
/// <c>AlertLog.Deliveries.cs</c>: the messages). Opening or resolving an incident and queueing its one message happen in
/// one statement, so a crash never leaves an incident without its message or sends one twice.
/// </summary>
public sealed partial class AlertLog(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Opens an incident for each (rule, subject) that holds at <paramref name="now"/> and has none open, resolves each
    /// open incident that no longer holds, and queues one <c>alert</c> or <c>resolve</c> delivery for each of them.
    /// </summary>
    public async Task<IncidentChanges> UpdateIncidentsAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            with firing as (select * from syncops_private.alert_firing($1)),
            opened as (
                insert into public.alert_incidents (org_id, rule_id, subject, detail, opened_at)
                select org_id, rule_id, subject, detail, $1 from firing
                on conflict (org_id, rule_id, subject) where resolved_at is null do nothing
                returning org_id, id, rule_id, subject, detail
            ),
            resolved as (
                update public.alert_incidents i set resolved_at = $1
                where i.resolved_at is null
                  and not exists (select from firing f where f.org_id = i.org_id and f.rule_id = i.rule_id and f.subject = i.subject)
                returning i.org_id, i.id, i.rule_id, i.subject, i.detail
            ),
            changes as (
                select 'alert' as kind, * from opened
                union all
                select 'resolve', * from resolved
            )
            insert into public.alert_deliveries (org_id, channel_id, rule_id, incident_id, kind, subject, message, next_attempt_at, created_at)
            select c.org_id, r.channel_id, c.rule_id, c.id, c.kind, c.subject,
                   case c.kind
                       when 'alert' then format('[SyncOps] %s: %s (%s)', c.org_id, c.detail, replace(r.condition, '_', ' '))
                       else format('[SyncOps] %s: resolved, %s is healthy again (%s; was: %s)', c.org_id, c.subject,
                                   replace(r.condition, '_', ' '), c.detail)
                   end,
                   $1, $1
            from changes c
            join public.alert_rules r on r.org_id = c.org_id and r.id = c.rule_id
            returning kind
            """);
        command.AddValues(now);
        var kinds = await command.ReadAllAsync(r => r.GetString(0), cancellationToken);
        return new IncidentChanges(kinds.Count(k => k == "alert"), kinds.Count(k => k == "resolve"));
    }

    /// <summary>The organisation's incidents, newest first: (id, rule, subject, opened, resolved).</summary>
    public async Task<IReadOnlyList<AlertIncident>> IncidentsAsync(string orgId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select id, org_id, rule_id, subject, detail, opened_at, resolved_at from public.alert_incidents
            where org_id = $1 order by opened_at desc, id desc limit $2
            """);
        command.AddValues(orgId, limit);
        return await command.ReadAllAsync(
            r => new AlertIncident(r.GetInt64(0), r.GetString(1), r.GetGuid(2), r.GetString(3), r.GetString(4),
                r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6)),
            cancellationToken);
    }
}
