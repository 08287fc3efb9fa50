namespace SyncOps.Bench.Activity;

/// <summary>
/// The guide's §5 queries as the SDK and PostgREST send them (parameters, an ISO timestamp for the window) and its
/// "Common Queries" over the log (Find Failed Syncs in its corrected form, as report_failed_syncs ships it).
/// </summary>
internal static class ActivityQueries
{
    private static readonly string[] s_failedStatuses = ["failed", "completed_with_errors", "timeout"];

    public static IReadOnlyList<ActivityQuery> Create(DateTimeOffset now, int organizations) =>
    [
        new("getOrgActivity (7 days, limit 1000)",
            """
            select * from {0} where org_id = $1 and created_at > $2
            order by created_at desc limit 1000
            """,
            org => [Org(org, organizations), now.AddDays(-7)]),
        new("getFailedSyncs (30 days)",
            """
            select * from {0} where org_id = $1 and status = any ($2) and created_at > $3
            order by created_at desc
            """,
            org => [Org(org, organizations), s_failedStatuses, now.AddDays(-30)]),
        new("getUserActivity (limit 100)",
            """
            select * from {0} where org_id = $1 and user_id = md5($1 || '-user-' || $2)::uuid
            order by created_at desc limit 100
            """,
            org => [Org(org, organizations), (org % ActivityLogLoader.UsersPerOrganization).ToString(System.Globalization.CultureInfo.InvariantCulture)]),
        new("Find Failed Syncs (corrected)",
            """
            select sal.sync_id, sal.entity_type, sal.status, count(*) as error_count, sal.error_message,
                   max(sal.created_at) as last_seen_at
            from {0} sal
            where sal.org_id = $1
              and sal.status in ('failed', 'completed_with_errors')
              and sal.created_at > now() - interval '30 days'
            group by sal.sync_id, sal.entity_type, sal.status, sal.error_message
            order by max(sal.created_at) desc
            """,
            org => [Org(org, organizations)]),
        new("Sync Duration Trends (30 days)",
            """
            select entity_type, count(*) as sync_count, avg(duration_seconds) as avg_duration_sec,
                   max(duration_seconds) as max_duration_sec, sum(record_count) as total_records
            from {0}
            where org_id = $1
              and created_at > now() - interval '30 days'
              and status in ('completed', 'completed_with_errors')
            group by entity_type
            order by entity_type
            """,
            org => [Org(org, organizations)]),
    ];

    private static string Org(int index, int organizations) =>
        "bench-org-" + (index % organizations).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
