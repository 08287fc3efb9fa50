using Npgsql;
using NpgsqlTypes;

namespace SyncOps.Bench.Eta;

/// <summary>
/// Replays a simulated sync's writes through the database's own estimator: the trigger's sampling rule (mirrored here:
/// reports under 200 ms apart merge into the next; a report without progress counts after 5 s) and the pure functions
/// the trigger calls, <c>sync_progress_recent_rate</c> and <c>sync_progress_eta_seconds</c>.
/// </summary>
internal sealed class EtaReplay(NpgsqlConnection connection)
{
    private const string Sql =
        """
        select rate, public.sync_progress_eta_seconds('running', $1, $2, rate, round(($2 * 60 / $3)::numeric, 1))
        from (select case when $4 then public.sync_progress_recent_rate($5, $6, $7, $3) else $5 end as rate) sample
        """;

    /// <summary>The eta_seconds the trigger would store after each report.</summary>
    public async Task<IReadOnlyList<int?>> RunAsync(int totalItems, IReadOnlyList<EtaReport> reports)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        var total = command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer, TypedValue = totalItems });
        var done = command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer });
        var elapsed = command.Parameters.Add(new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double });
        var sample = command.Parameters.Add(new NpgsqlParameter<bool> { NpgsqlDbType = NpgsqlDbType.Boolean });
        var previous = command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double });
        var since = command.Parameters.Add(new NpgsqlParameter<double> { NpgsqlDbType = NpgsqlDbType.Double });
        var items = command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer });
        _ = total;
        await command.PrepareAsync();

        double? rate = null;
        double sampledAt = 0;
        var sampledDone = 0;
        var etas = new List<int?>(reports.Count);
        foreach (var report in reports)
        {
            var sinceSample = report.Seconds - sampledAt;
            var take = sinceSample >= 0.2 && (report.Done != sampledDone || sinceSample >= 5);
            ((NpgsqlParameter<int>)done).TypedValue = report.Done;
            ((NpgsqlParameter<double>)elapsed).TypedValue = report.Seconds;
            ((NpgsqlParameter<bool>)sample).TypedValue = take;
            previous.Value = rate is null ? DBNull.Value : rate.Value;
            ((NpgsqlParameter<double>)since).TypedValue = sinceSample;
            ((NpgsqlParameter<int>)items).TypedValue = report.Done - sampledDone;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            rate = reader.IsDBNull(0) ? null : reader.GetDouble(0);
            etas.Add(reader.IsDBNull(1) ? null : reader.GetInt32(1));
            if (take)
            {
                sampledAt = report.Seconds;
                sampledDone = report.Done;
            }
        }

        return etas;
    }
}
