using SyncOps.Server.Dashboard.Users;

namespace SyncOps.Server.Dashboard.Api;

/// <summary>
/// <c>GET /api/alerts</c>: the alert log, read as the user (row-level security shows only their organisations): the
/// incidents still open, the rules, and the latest deliveries (alerts, resolve and test messages) with their attempts
/// and outcome. Channels show their name and host only; members cannot read a URL or a secret.
/// </summary>
internal static class AlertLogQuery
{
    private const string Sql =
        """
        select json_build_object(
            'open_incidents', coalesce((
                select json_agg(json_build_object('id', i.id, 'org_id', i.org_id, 'condition', r.condition, 'subject', i.subject,
                                                  'detail', i.detail, 'opened_at', i.opened_at) order by i.opened_at desc)
                from public.alert_incidents i
                join public.alert_rules r on r.org_id = i.org_id and r.id = i.rule_id
                where i.resolved_at is null), '[]'),
            'rules', coalesce((
                select json_agg(json_build_object('id', r.id, 'org_id', r.org_id, 'condition', r.condition, 'connection_id', r.connection_id,
                                                  'entity_type', r.entity_type, 'schedule_id', r.schedule_id, 'threshold', r.threshold,
                                                  'after_seconds', r.after_seconds, 'channel', c.name, 'channel_kind', c.kind)
                                order by r.org_id, r.created_at)
                from public.alert_rules r
                join public.alert_channels c on c.org_id = r.org_id and c.id = r.channel_id), '[]'),
            'deliveries', coalesce((
                select json_agg(to_jsonb(d) order by d.created_at desc, d.id desc)
                from (select d.id, d.org_id, d.kind, r.condition, d.subject, d.message, d.status, d.attempts, d.response_status,
                             d.last_error, d.created_at, d.delivered_at, c.name as channel
                      from public.alert_deliveries d
                      join public.alert_channels c on c.org_id = d.org_id and c.id = d.channel_id
                      left join public.alert_rules r on r.org_id = d.org_id and r.id = d.rule_id
                      order by d.created_at desc, d.id desc limit $1) d), '[]'))::text
        """;

    public static async Task<IResult> RunAsync(HttpContext context, UserDatabase database)
    {
        var limit = int.TryParse(context.Request.Query["limit"], out var l) ? Math.Clamp(l, 1, 500) : 100;
        return ApiResults.Json(await database.JsonAsync(SignInFilter.UserOf(context), Sql, context.RequestAborted, limit));
    }
}
