using Npgsql;
using NpgsqlTypes;

namespace SyncOps.Bench.Eta;

/// <summary>
/// Replays a simulated sync's writes through the database's own estimator: the trigger's bookkeeping (mirrored here:
/// reports under 200 ms apart merge into the next; a report without progress counts after 5 s; a wait begins when a
/// write names a new end of waiting that lies ahead) and the pure functions the trigger calls,
/// <c>sync_progress_wait_accrued</c>, <c>sync_progress_recent_rate</c> and <c>sync_progress_eta_seconds</c>.
/// </summary>
internal sealed class EtaReplay(NpgsqlConnection connection)
{
    // Simulated seconds become timestamps from an arbitrary origin: the functions only ever take differences.
    private static readonly DateTimeOffset s_origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // $1 total, $2 done, $3 now, $4 previous write, $5 wait announced before this write, $6 wait announced now,
    // $7 waited before, $8 take a sample, $9 previous rate, $10 seconds since sample, $11 items since sample,
    // $12 waited at the sample, $13 waits begun.
    private const string Sql =
        """
        select waited, rate, public.sync_progress_eta_seconds('running', $1, $2, rate,
                   extract(epoch from $3 - $14)::float8 - waited, waited, $13, extract(epoch from $6 - $3)::float8)
        from (
            select waited,
                   case when $8 and $10 - (waited - $12) >= 0.2
                        then public.sync_progress_recent_rate($9, $10 - (waited - $12), $11,
                                                              extract(epoch from $3 - $14)::float8 - waited)
                        else $9 end as rate
            from (select $7 + public.sync_progress_wait_accrued($4, $3, $5) as waited) accrued
        ) sampled
        """;

    /// <summary>The eta_seconds the trigger would store after each report.</summary>
    public async Task<IReadOnlyList<int?>> RunAsync(int totalItems, IReadOnlyList<EtaReport> reports)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        Add(command, NpgsqlDbType.Integer, totalItems);
        var done = Add(command, NpgsqlDbType.Integer);
        var now = Add(command, NpgsqlDbType.TimestampTz);
        var previousWrite = Add(command, NpgsqlDbType.TimestampTz);
        var waitBefore = Add(command, NpgsqlDbType.TimestampTz);
        var waitNow = Add(command, NpgsqlDbType.TimestampTz);
        var waitedBefore = Add(command, NpgsqlDbType.Double);
        var take = Add(command, NpgsqlDbType.Boolean);
        var previousRate = Add(command, NpgsqlDbType.Double);
        var sinceSample = Add(command, NpgsqlDbType.Double);
        var items = Add(command, NpgsqlDbType.Integer);
        var waitedAtSample = Add(command, NpgsqlDbType.Double);
        var waitCount = Add(command, NpgsqlDbType.Integer);
        Add(command, NpgsqlDbType.TimestampTz, s_origin);
        await command.PrepareAsync();

        double? rate = null, announced = null;
        double sampledAt = 0, sampledWaited = 0, waited = 0, lastWrite = 0;
        int sampledDone = 0, waits = 0;
        var etas = new List<int?>(reports.Count);
        foreach (var report in reports)
        {
            var since = report.Seconds - sampledAt;
            var sample = since >= 0.2 && (report.Done != sampledDone || since >= 5);
            if (report.WaitingUntil > report.Seconds && report.WaitingUntil != announced)
            {
                waits++;
            }

            done.Value = report.Done;
            now.Value = At(report.Seconds);
            previousWrite.Value = At(lastWrite);
            waitBefore.Value = announced is { } before ? At(before) : DBNull.Value;
            waitNow.Value = report.WaitingUntil is { } until ? At(until) : DBNull.Value;
            waitedBefore.Value = waited;
            take.Value = sample;
            previousRate.Value = rate is null ? DBNull.Value : rate.Value;
            sinceSample.Value = since;
            items.Value = report.Done - sampledDone;
            waitedAtSample.Value = sampledWaited;
            waitCount.Value = waits;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                waited = reader.GetDouble(0);
                rate = reader.IsDBNull(1) ? null : reader.GetDouble(1);
                etas.Add(reader.IsDBNull(2) ? null : reader.GetInt32(2));
            }

            if (sample)
            {
                sampledAt = report.Seconds;
                sampledDone = report.Done;
                sampledWaited = waited;
            }

            announced = report.WaitingUntil;
            lastWrite = report.Seconds;
        }

        return etas;
    }

    private static DateTimeOffset At(double seconds) => s_origin.AddSeconds(seconds);

    private static NpgsqlParameter Add(NpgsqlCommand command, NpgsqlDbType type, object? value = null) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value ?? DBNull.Value });
}
