using System.Text;

namespace SyncOps.Server.GoTrue;

/// <summary>GoTrue's password rules: at least 6 characters, and at most 72 bytes, all that bcrypt looks at.</summary>
internal static class PasswordPolicy
{
    public const int MinimumLength = 6;
    public const int MaximumBytes = 72;

    /// <summary>Why the password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"Password should be at least {MinimumLength} characters."
            : Encoding.UTF8.GetByteCount(password) > MaximumBytes
                ? $"Password cannot be longer than {MaximumBytes} bytes (bcrypt ignores the rest)."
                : null;
}
