using Npgsql;

namespace SyncOps.Tests.Schema;

/// <summary>auth.uid()/jwt()/role() read the claims as Supabase's do; privileged functions stay privileged.</summary>
public sealed class AuthFunctionsTests : DatabaseTest
{
    [Fact]
    public async Task AuthFunctions_ClaimsSetLikePostgrest_ReturnSubRoleAndJwt()
    {
        var userId = Guid.NewGuid();

        var row = await AsRoleAsync("authenticated", userId, connection => Sql.RowAsync(connection,
            "select auth.uid() as uid, auth.role() as role, auth.jwt() ->> 'aud' as aud, current_user as db_role"));

        Assert.Equal(userId, row!["uid"]);
        Assert.Equal("authenticated", row["role"]);
        Assert.Equal("authenticated", row["aud"]);
        Assert.Equal("authenticated", row["db_role"]);
    }

    [Fact]
    public async Task AuthUid_LegacyPerClaimSetting_StillRead()
    {
        var userId = Guid.NewGuid();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await Sql.ExecuteAsync(connection, "select set_config('request.jwt.claim.sub', $1, true)", userId.ToString());

        Assert.Equal(userId, await Sql.ScalarAsync<Guid>(connection, "select auth.uid()"));
    }

    [Fact]
    public async Task AuthUid_NoClaims_Null()
    {
        var uid = await AsRoleAsync("anon", null, connection => Sql.ScalarAsync<Guid?>(connection, "select auth.uid()"));

        Assert.Null(uid);
    }

    [Theory]
    [InlineData("select count(*) from public.timeout_stale_syncs(interval '1 second')")]
    [InlineData("select public.ensure_activity_log_partition(date '2041-01-01')")]
    [InlineData("select public.drop_expired_activity_log_partitions(1)")]
    public async Task MaintenanceFunctions_AsAuthenticated_PermissionDenied(string sql)
    {
        var userId = await CreateUserAsync(TestDatabase.NewOrgId());

        var error = await AsRoleAsync("authenticated", userId, connection => Sql.FailsAsync(connection, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task CompleteSync_AsAuthenticated_LogsExactlyOneRowVisibleToTheMember()
    {
        var orgId = TestDatabase.NewOrgId();
        var userId = await CreateUserAsync(orgId);

        var logged = await AsRoleAsync("authenticated", userId, async connection =>
        {
            await Sql.ExecuteAsync(connection,
                "insert into public.sync_progress (org_id, sync_id, entity_type, total_items, initiated_by) values ($1, 's', 'products', 3, $2)",
                orgId, userId);
            await Sql.ExecuteAsync(connection, "update public.sync_progress set processed_count = 3 where org_id = $1 and sync_id = 's'", orgId);
            return await Sql.ScalarAsync<long>(connection,
                "select count(*) from public.sync_activity_log where org_id = $1 and action = 'sync_completed' and user_id = $2", orgId, userId);
        });

        Assert.Equal(1L, logged);
    }
}
