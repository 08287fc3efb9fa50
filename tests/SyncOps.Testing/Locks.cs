using Npgsql;

namespace SyncOps.Testing;

/// <summary>For tests of real concurrency: wait until another session is blocked on a lock, without timing anything.</summary>
public static class Locks
{
    public static async Task WaitUntilBlockedAsync(NpgsqlDataSource dataSource, int pid)
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            await using var command = dataSource.CreateCommand("select wait_event_type from pg_stat_activity where pid = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = pid });
            if (await command.ExecuteScalarAsync() is "Lock")
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"session {pid} never waited for a lock");
    }
}
