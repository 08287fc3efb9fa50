using Npgsql;

namespace SyncOps.Tracking;

/// <summary>A tracking call PostgreSQL refused; <see cref="SqlState"/> and the message are PostgreSQL's own.</summary>
public class SyncTrackingException : SyncOpsException
{
    public SyncTrackingException(string message, string? sqlState = null, Exception? innerException = null)
        : base(message, innerException!) => SqlState = sqlState;

    public SyncTrackingException() { }

    public SyncTrackingException(string message) : base(message) { }

    public SyncTrackingException(string message, Exception innerException) : base(message, innerException) { }

    public string? SqlState { get; }

    /// <summary>Turns a PostgreSQL error into the specific exception for it.</summary>
    internal static SyncTrackingException From(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.CheckViolation => new SyncCountsInvalidException(e.MessageText, e),
        PostgresErrorCodes.InsufficientPrivilege => new SyncAccessDeniedException(e.MessageText, e),
        PostgresErrorCodes.UniqueViolation => new SyncAlreadyExistsException(e.MessageText, e),
        "PT409" => new SyncAlreadyFinishedException(e.MessageText, e),
        _ => new SyncTrackingException(e.MessageText, e.SqlState, e),
    };
}

/// <summary>Counts below zero or above the total: PostgreSQL's "violates check constraint".</summary>
public sealed class SyncCountsInvalidException(string message, PostgresException inner)
    : SyncTrackingException(message, inner.SqlState, inner);

/// <summary>The sync has ended (completed, failed, cancelled or timed out); its counts can no longer change.</summary>
public sealed class SyncAlreadyFinishedException(string message, PostgresException inner)
    : SyncTrackingException(message, inner.SqlState, inner);

/// <summary>Row-level security refused the write (another organisation's row).</summary>
public sealed class SyncAccessDeniedException(string message, PostgresException inner)
    : SyncTrackingException(message, inner.SqlState, inner);

/// <summary>A sync with this id already exists in the organisation.</summary>
public sealed class SyncAlreadyExistsException(string message, PostgresException inner)
    : SyncTrackingException(message, inner.SqlState, inner);

/// <summary>No sync with this id exists in the organisation (or the caller may not see it).</summary>
public sealed class SyncNotFoundException(string orgId, string syncId)
    : SyncTrackingException($"sync \"{syncId}\" does not exist in organisation \"{orgId}\"", "P0002");
