namespace SyncOps.Alerts;

/// <summary>
/// What one send of a delivery came to: <paramref name="Status"/> is <c>delivered</c>, <c>pending</c> (tried again at
/// <paramref name="NextAttemptAt"/>) or <c>failed</c> (given up); <paramref name="Attempts"/> counts the HTTP attempts
/// this send made, retries included.
/// </summary>
public sealed record DeliveryOutcome(string Status, int Attempts, int? ResponseStatus, string? Error, DateTimeOffset NextAttemptAt);
