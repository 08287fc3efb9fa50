using Npgsql;
using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>
/// Writes a batch of canonical records in one transaction. One indexed read of the batch's stored hashes sorts the
/// records: new ones go in through binary <c>COPY</c>, changed ones through the multi-row upsert, unchanged ones are
/// not written at all. The failed records' log rows and the checkpoint commit in the same transaction. When PostgreSQL
/// rejects a value (class 22/23), the batch is retried row by row under savepoints so only the bad record fails.
/// </summary>
public sealed partial class RecordWriter(NpgsqlDataSource dataSource)
{
    public Task<WriteOutcome> WriteAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        CancellationToken cancellationToken) =>
        WriteAsync(target, records, failures, checkpoint, null, false, cancellationToken);

    /// <summary>
    /// Writes a batch whose commit waits for <paramref name="after"/> (the previous batch's write): batches are written
    /// on several connections at once but commit in order, so a checkpoint never passes records that are not committed.
    /// If <paramref name="after"/> failed, this batch rolls back. With <paramref name="lazyCheckpoint"/>, a batch that
    /// has nothing to write (every record unchanged, no failure) does not save its checkpoint either, so an unchanged
    /// re-run writes nothing at all between checkpoints; a resume then re-reads those unchanged records, which is harmless.
    /// </summary>
    internal async Task<WriteOutcome> WriteAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        Task? after, bool lazyCheckpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(failures);
        // The same record twice in one statement would make ON CONFLICT fail; the later copy is the newer one.
        var unique = records.Count < 2 ? records : records.GroupBy(r => r.ExternalId).Select(g => g.Last()).ToList();
        try
        {
            return await WriteOnceAsync(target, unique, records.Count, failures, checkpoint, after, lazyCheckpoint, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal))
        {
            return await WriteRowByRowAsync(target, unique, records.Count, failures, checkpoint, after, cancellationToken);
        }
    }

    private async Task<WriteOutcome> WriteOnceAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, int received, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        Task? after, bool lazyCheckpoint, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (created, updated) = records.Count == 0 ? (0, 0) : await InsertOrUpdateAsync(connection, transaction, target, records, cancellationToken);
        await LogFailuresAsync(connection, target, failures, cancellationToken);
        var skip = lazyCheckpoint && created + updated + failures.Count == 0;
        await CommitAfterAsync(connection, transaction, target, skip ? null : checkpoint, after, cancellationToken);
        return new WriteOutcome(created, updated, received - created - updated, failures.Count) { Checkpointed = !skip };
    }

    private async Task<WriteOutcome> WriteRowByRowAsync(
        WriteTarget target, IReadOnlyList<CanonicalRecord> records, int received, IReadOnlyList<SourceItem> failures, RunState? checkpoint,
        Task? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var allFailures = failures.ToList();
        int created = 0, updated = 0;
        foreach (var record in records)
        {
            await transaction.SaveAsync("record", cancellationToken);
            try
            {
                var (c, u) = await UpsertAsync(connection, target, [record], cancellationToken);
                created += c;
                updated += u;
            }
            catch (PostgresException e)
            {
                await transaction.RollbackAsync("record", cancellationToken);
                allFailures.Add(SourceItem.Failed(record.ExternalId, $"rejected by the database: {e.MessageText} ({e.SqlState})"));
            }
        }

        await LogFailuresAsync(connection, target, allFailures, cancellationToken);
        await CommitAfterAsync(connection, transaction, target, checkpoint, after, cancellationToken);
        var rejected = allFailures.Count - failures.Count;
        return new WriteOutcome(created, updated, received - created - updated - rejected, allFailures.Count);
    }

    /// <summary>
    /// Sorts the batch by one read of the stored hashes: new records are copied in, changed ones upserted, unchanged
    /// ones left alone. A record another transaction inserted since the read makes the copy fail on the primary key;
    /// the copy is then undone (savepoint) and those records go through the upsert, which handles either case.
    /// </summary>
    private static async Task<(int Created, int Updated)> InsertOrUpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WriteTarget target, IReadOnlyList<CanonicalRecord> records,
        CancellationToken cancellationToken)
    {
        var table = CanonicalTable.For(target.Entity);
        var stored = await StoredHashesAsync(connection, table, target, records, cancellationToken);
        var fresh = new List<CanonicalRecord>(records.Count);
        var changed = new List<CanonicalRecord>();
        foreach (var record in records)
        {
            if (!stored.TryGetValue(record.ExternalId, out var hash))
            {
                fresh.Add(record);
            }
            else if (!hash.AsSpan().SequenceEqual(record.ContentHash))
            {
                changed.Add(record);
            }
        }

        // A value COPY cannot carry in binary (a numeric the client cannot read) goes through the upsert, where
        // PostgreSQL judges it as before.
        var copied = fresh.Where(r => CanCopy(table, r)).ToList();
        changed.AddRange(fresh.Where(r => !CanCopy(table, r)));
        var created = 0;
        if (copied.Count > 0)
        {
            await transaction.SaveAsync("copy", cancellationToken);
            try
            {
                created = await CopyAsync(connection, table, target, copied, cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                await transaction.RollbackAsync("copy", cancellationToken);
                changed.AddRange(copied);
                created = 0;
            }
        }

        var (inserted, updated) = changed.Count == 0 ? (0, 0) : await UpsertAsync(connection, target, changed, cancellationToken);
        return (created + inserted, updated);
    }

    /// <summary>The checkpoint goes in once the previous batch committed, then this batch commits.</summary>
    private static async Task CommitAfterAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WriteTarget target, RunState? checkpoint, Task? after,
        CancellationToken cancellationToken)
    {
        if (after is not null)
        {
            try
            {
                await after.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not a database fault of this batch (no retry): the run ends with the earlier batch's error.
                throw new OperationCanceledException("an earlier batch was not written, so this one rolled back", e);
            }
        }

        if (checkpoint is not null)
        {
            await CheckpointStore.SaveRunAsync(connection, target.OrgId, target.ConnectionId, target.Entity, checkpoint, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
