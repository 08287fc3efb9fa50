using System.Globalization;
using SyncOps.Connectors;

namespace SyncOps.Engine;

/// <summary>
/// Checks what a scan received against what the source says, so a sync is never called complete with records missing:
/// the same page served for two cursors (an ignored <c>offset</c>, a cache repeating a page), the same record twice in
/// one pass, a pass ending with fewer distinct records than the source's total, and a total that shrank during the pass
/// by more than the records created meanwhile explain (deletes shift offsets, so a record may have been skipped). It
/// also counts distinct records, so <c>processed_count</c> is never pages times their size. One instance per run; its
/// memory does not grow with the number of records: the ids received in the run and in the current pass are two
/// <see cref="RecordIdSet"/>s (a bit an id), and "the page before" is that page's ids alone.
/// </summary>
internal sealed partial class ScanIntegrity(ISourceConnector connector, string entity, TimeProvider timeProvider, int maxPasses)
{
    /// <summary>Records created this close before a pass started still count as created during it (clock skew, 1 s dates).</summary>
    private static readonly TimeSpan s_clockSlack = TimeSpan.FromSeconds(2);
    private readonly RecordIdSet _records = new();
    private readonly RecordIdSet _failed = new();
    private readonly List<string> _reasons = [];
    private RecordIdSet _recordsInPass = new();
    private RecordIdSet _failedInPass = new();
    private int _inPass;
    private DateTimeOffset _passStart;
    private int _startRows;
    private int _rows;
    private int _firstTotal = -1;
    private int _lastTotal;
    private int _createdDuring;
    private int _repeats;
    private int _anonymousFailures;
    private string[]? _previousPage;
    private int _previousOffset;

    public int Pass { get; private set; }

    public SourcePaging Paging { get; private set; }

    /// <summary>Starts a pass at <paramref name="offset"/> (a resumed run starts its first pass past the rows already committed).</summary>
    public void StartPass(SourcePaging paging, int offset)
    {
        Pass++;
        Paging = paging;
        (_recordsInPass, _failedInPass) = (new RecordIdSet(), new RecordIdSet());
        _inPass = 0;
        _passStart = timeProvider.GetUtcNow();
        // Offsets count rows; an id-range cursor does not, so a resumed id-range pass cannot be checked against the total.
        _startRows = paging == SourcePaging.IdRange && offset > 0 ? -1 : offset;
        _rows = 0;
        _firstTotal = -1;
        _createdDuring = _repeats = _anonymousFailures = 0;
        _previousPage = null;
    }

    /// <summary>List rows of this pass so far, including those before a resumed start (for the progress estimate).</summary>
    public int RowsSoFar => Math.Max(0, _startRows) + _rows;

    public ObservedPage Observe(SourcePage page, int offset)
    {
        ArgumentNullException.ThrowIfNull(page);
        _firstTotal = _firstTotal < 0 ? page.Total : _firstTotal;
        _lastTotal = page.Total;
        var rows = Paging == SourcePaging.IdRange ? page.Items.Count : page.Consumed;
        _rows += rows;
        var ids = page.Items.Select(i => i.ExternalId ?? "").ToArray();
        if (ids.Length > 0 && _previousPage is { } previous && offset != _previousOffset && ids.SequenceEqual(previous))
        {
            var cursor = Paging == SourcePaging.PageNumber ? "page" : "offset";
            return new ObservedPage([], 0, 0, rows, string.Create(CultureInfo.InvariantCulture,
                $"the source returned the same {ids.Length} records for {cursor} {Cursor(offset)} as for {cursor} {Cursor(_previousOffset)}: it ignored the {cursor}"));
        }

        _previousPage = ids;
        _previousOffset = offset;
        var kept = new List<SourceItem>(page.Items.Count);
        int newRecords = 0, newFailures = 0;
        foreach (var item in page.Items)
        {
            if (item.Record is not { } record)
            {
                if (item.ExternalId is null)
                {
                    _anonymousFailures++;
                }
                else if (!_failedInPass.Add(item.ExternalId) || !_failed.Add(item.ExternalId))
                {
                    continue;
                }

                newFailures++;
                kept.Add(item);
                continue;
            }

            if (!_recordsInPass.Add(record.ExternalId))
            {
                // A second copy in one pass: the source shifted or repeated rows. Counted once; written again only
                // when it may be a newer version (see MayBeNewer), which the writer's hash check skips if it is not.
                _repeats++;
                if (MayBeNewer(record))
                {
                    kept.Add(item);
                }

                continue;
            }

            // The first copy of this pass: a record new to the run, or one an earlier pass received (it existed
            // before this pass, whatever its creation date says).
            _inPass++;
            if (_records.Add(record.ExternalId))
            {
                newRecords++;
                if (record.SourceCreatedAt >= _passStart - s_clockSlack)
                {
                    _createdDuring++;
                }
            }

            kept.Add(item);
        }

        return new ObservedPage(kept, newRecords, newFailures, rows, null);
    }

    /// <summary>
    /// Whether a record's second copy in a pass can differ from its first: only if it was modified after the pass
    /// started (both copies came during the pass), or its source gives no date to tell.
    /// </summary>
    private bool MayBeNewer(CanonicalRecord record) =>
        record.SourceUpdatedAt is not { } updated || updated >= _passStart - s_clockSlack;

    /// <summary>Judges the pass that just ended (<paramref name="problem"/>: it was stopped by a page that showed one).</summary>
    public ScanVerdict EndPass(string? problem)
    {
        var verdict = Judge(problem);
        if (verdict.Reason is { } reason)
        {
            _reasons.Add(reason);
        }

        return verdict;
    }

    private ScanVerdict Judge(string? problem)
    {
        if (problem is not null)
        {
            return connector.FallbackPaging(entity, Paging) is { } fallback && Pass < maxPasses
                ? ScanVerdict.Rescan(fallback, problem)
                : ScanVerdict.Fail(Failure(problem + (Paging == SourcePaging.Offset ? "" : "; the source's other paging failed the same way")));
        }

        if (_firstTotal < 0)
        {
            return ScanVerdict.Ok; // nothing listed
        }

        var received = _inPass + _failedInPass.Count + _anonymousFailures;
        var expected = _startRows < 0 ? 0 : _lastTotal - _startRows;
        var shrunk = _firstTotal + _createdDuring - _lastTotal;
        string? reason = null;
        if (received < expected)
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"the source counted {_lastTotal:N0} records{(_startRows > 0 ? $" ({expected:N0} past the resumed offset {_startRows:N0})" : "")} but {received:N0} distinct ones arrived");
        }
        else if (shrunk > 0 && Paging != SourcePaging.IdRange)
        {
            // Id ranges do not shift when records disappear; offsets and page numbers do.
            reason = string.Create(CultureInfo.InvariantCulture,
                $"the source's total went from {_firstTotal:N0} to {_lastTotal:N0} during the scan with {_createdDuring:N0} records created meanwhile: {shrunk:N0} were deleted while paging, which shifts offsets past records");
        }

        if (reason is null)
        {
            return ScanVerdict.Ok;
        }

        if (_repeats > 0)
        {
            reason += string.Create(CultureInfo.InvariantCulture, $" ({_repeats:N0} records came twice)");
        }

        if (Pass < maxPasses)
        {
            // A rescan with ids instead of offsets cannot shift; otherwise the same paging again, once the source settled.
            return ScanVerdict.Rescan(shrunk > 0 && connector.FallbackPaging(entity, Paging) == SourcePaging.IdRange ? SourcePaging.IdRange : Paging, reason);
        }

        return ScanVerdict.Fail(Failure(reason));
    }

    /// <summary>The message a failed sync keeps: every pass's finding, in order, so it says what the source did.</summary>
    private string Failure(string reason)
    {
        var reasons = _reasons.Append(reason).ToList();
        var findings = reasons.Count > 1 && reasons.All(r => r == reason) ? $"{reason} (in every pass)" : string.Join("; then ", reasons);
        return string.Create(CultureInfo.InvariantCulture, $"{entity} scan incomplete after {Pass} pass{(Pass == 1 ? "" : "es")}: {findings}");
    }

    private string Cursor(int offset) =>
        (Paging == SourcePaging.PageNumber ? (offset / Math.Max(1, connector.PageSize)) + 1 : offset).ToString(CultureInfo.InvariantCulture);
}
