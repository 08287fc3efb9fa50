namespace SyncOps.Testing;

/// <summary>One request the <see cref="AlertReceiver"/> got: its raw body, signature header and the status it was answered.</summary>
public sealed record ReceivedRequest(string Body, string? Signature, string? ContentType, int AnsweredStatus);
