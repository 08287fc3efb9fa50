using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Microsoft.Extensions.Time.Testing;
using SyncOps.Engine;
using SyncOps.Scheduling;
using SyncOps.Security;

namespace SyncOps.Tests.Scheduling;

/// <summary>
/// Base for scheduler tests: a fake clock, the real schedule table and job queue, and raw-SQL connections (the
/// scheduler never decrypts them), in the class's own database (<see cref="SchedulingDatabase"/>). Jobs are "finished"
/// by hand, as a worker would.
/// </summary>
public abstract class SchedulingTest(SchedulingDatabase database) : IClassFixture<SchedulingDatabase>, IAsyncLifetime
{
    /// <summary>A Friday, well away from any daylight-saving change unless a test moves the clock there.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 6, 9, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected string OrgId { get; } = TestDatabase.NewOrgId();

    protected SchedulingDatabase Database { get; } = database;

    protected NpgsqlDataSource DataSource => Database.DataSource;

    public Task InitializeAsync() => Database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected SyncSchedules Schedules => new(DataSource, Clock);

    protected Scheduler NewScheduler() =>
        new(Schedules, new SyncJobs(DataSource), Clock, NullLogger<Scheduler>.Instance);

    protected async Task<Guid> AddConnectionAsync(string? orgId = null)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            insert into public.organizations (org_id, name) values ($1, $1) on conflict do nothing;
            """, orgId ?? OrgId);
        await ExecuteAsync(
            "insert into public.connections (id, org_id, source_system, name, base_url, secret_ciphertext) values ($1, $2, 'woocommerce', 'shop', 'http://127.0.0.1:9', '\\x00')",
            id, orgId ?? OrgId);
        return id;
    }

    protected Task<SyncSchedule> AddEveryAsync(Guid connectionId, TimeSpan every, string entity = "customer", string? fullScanCron = null) =>
        Schedules.AddAsync(new NewSchedule(OrgId, connectionId, entity, ScheduleRule.Create(every, null, null, fullScanCron, TimeSpan.Zero)));

    protected Task<SyncSchedule> AddCronAsync(Guid connectionId, string cron, string timeZone, string entity = "customer") =>
        Schedules.AddAsync(new NewSchedule(OrgId, connectionId, entity, ScheduleRule.Create(null, cron, timeZone, null, TimeSpan.Zero)));

    /// <summary>This organisation's jobs as (id, full_scan, status), oldest first.</summary>
    protected async Task<List<(long Id, bool Full, string Status)>> JobsAsync(Guid? connectionId = null)
    {
        await using var command = DataSource.CreateCommand(
            "select id, full_scan, status from public.sync_jobs where org_id = $1 and ($2::uuid is null or connection_id = $2) order by id");
        command.Parameters.Add(new() { Value = OrgId });
        command.Parameters.Add(new() { Value = (object?)connectionId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        var jobs = new List<(long, bool, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            jobs.Add((reader.GetInt64(0), reader.GetBoolean(1), reader.GetString(2)));
        }

        return jobs;
    }

    /// <summary>Ends every active job of the organisation, as workers finishing their runs would.</summary>
    protected Task FinishJobsAsync() =>
        ExecuteAsync("update public.sync_jobs set status = 'completed', finished_at = now() where org_id = $1 and status in ('queued', 'running')", OrgId);

    protected async Task<SyncSchedule> ReloadAsync(SyncSchedule schedule) =>
        await Schedules.GetAsync(OrgId, schedule.Id) ?? throw new InvalidOperationException("schedule vanished");

    protected async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Sql.ExecuteAsync(connection, sql, parameters);
    }

    protected async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Sql.ScalarAsync<T>(connection, sql, parameters);
    }

    /// <summary>Creates a user of <paramref name="orgId"/> and returns its id.</summary>
    protected async Task<Guid> CreateUserAsync(string orgId)
    {
        var userId = Guid.NewGuid();
        await ExecuteAsync("insert into public.organizations (org_id) values ($1) on conflict do nothing", orgId);
        await ExecuteAsync("insert into syncops_auth.users_extended (id, org_id) values ($1, $2)", userId, orgId);
        return userId;
    }

    /// <summary>Runs <paramref name="work"/> as a signed-in member, as the REST API would (role and JWT claims).</summary>
    protected async Task<T> AsMemberAsync<T>(Guid userId, Func<NpgsqlConnection, Task<T>> work, bool commit = false)
    {
        var user = new UserContext("authenticated", $$"""{"role":"authenticated","sub":"{{userId}}","aud":"authenticated"}""")
        {
            StatementTimeout = TimeSpan.FromMinutes(1), // the shared test machine, not the 8 s under test elsewhere
        };
        await using var session = await UserSession.OpenAsync(DataSource, user, CancellationToken.None);
        var result = await work(session.Connection);
        if (commit)
        {
            await session.CommitAsync(CancellationToken.None);
        }

        return result;
    }
}
