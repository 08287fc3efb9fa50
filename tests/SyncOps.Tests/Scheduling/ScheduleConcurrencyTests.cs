using Npgsql;
using SyncOps.Engine;
using SyncOps.Scheduling;

namespace SyncOps.Tests.Scheduling;

/// <summary>What the database guarantees: no two active runs, no schedule naming another organisation's connection.</summary>
public sealed class ScheduleConcurrencyTests(SchedulingDatabase database) : SchedulingTest(database)
{
    [Fact]
    public async Task FourSchedulersRacing_TwentyDueSchedules_EachQueuedExactlyOnce()
    {
        var connections = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var connection = await AddConnectionAsync();
            connections.Add(connection);
            await AddEveryAsync(connection, TimeSpan.FromMinutes(15));
        }

        // Each scheduler with its own data source, as separate serve processes would have.
        var sources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(Database.ConnectionString)).ToList();
        try
        {
            var schedulers = sources.Select(source => new Scheduler(
                new SyncSchedules(source, Clock), new SyncJobs(source), Clock,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<Scheduler>.Instance) { BatchSize = 3 }).ToList();
            var passes = await Task.WhenAll(schedulers.Select(scheduler => Task.Run(() => scheduler.RunOnceAsync())));
            var again = await Task.WhenAll(schedulers.Select(scheduler => scheduler.RunOnceAsync()));

            Assert.Equal(20, passes.Sum(pass => pass.Queued));
            Assert.Equal(0, again.Sum(pass => pass.Queued + pass.Skipped));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }

        var jobs = await JobsAsync();
        Assert.Equal(20, jobs.Count);
        foreach (var connection in connections)
        {
            Assert.Single(await JobsAsync(connection));
        }
    }

    [Fact]
    public async Task SecondActiveJobForSameConnectionAndEntity_RefusedByTheDatabase()
    {
        var connection = await AddConnectionAsync();
        var jobs = new SyncJobs(DataSource);
        await jobs.EnqueueAsync(OrgId, connection, "customer");

        var error = await Assert.ThrowsAsync<SyncOpsException>(() => jobs.EnqueueAsync(OrgId, connection, "customer"));
        var otherEntity = await jobs.EnqueueAsync(OrgId, connection, "product");

        Assert.Equal($"a customer sync of connection {connection} is already queued or running in organisation \"{OrgId}\"", error.Message);
        var cause = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, cause.SqlState);
        Assert.Equal("sync_jobs_one_active_idx", cause.ConstraintName);
        Assert.Equal("queued", otherEntity.Status);
    }

    [Fact]
    public async Task Add_ConnectionOfAnotherOrganisation_Refused()
    {
        var theirs = await AddConnectionAsync(TestDatabase.NewOrgId());

        var error = await Assert.ThrowsAsync<SyncOpsException>(() => AddEveryAsync(theirs, TimeSpan.FromMinutes(15)));

        Assert.Contains($"connection {theirs} does not exist in organisation \"{OrgId}\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_schedules where connection_id = $1", theirs));
    }

    [Fact]
    public async Task MemberInsert_OtherOrganisationsConnection_RefusedByForeignKeyAndPolicy()
    {
        await AddConnectionAsync();
        var userId = await CreateUserAsync(OrgId);
        var theirOrg = TestDatabase.NewOrgId();
        var theirs = await AddConnectionAsync(theirOrg);
        const string insert = "insert into public.sync_schedules (org_id, connection_id, entity_type, every_seconds) values ($1, $2, 'customer', 900)";

        var underMyOrg = await AsMemberAsync(userId, connection => Sql.FailsAsync(connection, insert, OrgId, theirs));
        var underTheirOrg = await AsMemberAsync(userId, connection => Sql.FailsAsync(connection, insert, theirOrg, theirs));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, underMyOrg.SqlState);
        Assert.Equal("sync_schedules_connection_fkey", underMyOrg.ConstraintName);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, underTheirOrg.SqlState);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from public.sync_schedules where connection_id = $1", theirs));
    }

    [Fact]
    public async Task MemberInsert_OwnConnection_PlannedByNextPass_BadCronPausedWithReason()
    {
        var good = await AddConnectionAsync();
        var bad = await AddConnectionAsync();
        var userId = await CreateUserAsync(OrgId);
        await AsMemberAsync(userId, async connection =>
        {
            await Sql.ExecuteAsync(connection,
                "insert into public.sync_schedules (org_id, connection_id, entity_type, every_seconds, jitter_seconds) values ($1, $2, 'product', 900, 0)", OrgId, good);
            return await Sql.ExecuteAsync(connection,
                "insert into public.sync_schedules (org_id, connection_id, entity_type, cron) values ($1, $2, 'product', 'every day')", OrgId, bad);
        }, commit: true);

        var pass = await NewScheduler().RunOnceAsync();

        Assert.Equal(1, pass.Invalid);
        var schedules = await Schedules.ListAsync(OrgId);
        var planned = Assert.Single(schedules, s => s.ConnectionId == good);
        var broken = Assert.Single(schedules, s => s.ConnectionId == bad);
        Assert.Equal(Start, planned.NextRunAt);
        Assert.True(broken.Paused);
        Assert.Contains("is not a cron expression", broken.LastError, StringComparison.Ordinal);
    }
}
