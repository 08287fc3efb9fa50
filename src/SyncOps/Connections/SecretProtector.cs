using System.Security.Cryptography;
using System.Text;
using SyncOps.Configuration;

namespace SyncOps.Connections;

/// <summary>
/// Encrypts connection secrets with AES-256-GCM. The key comes from the settings' <see cref="SyncOpsSettings.SecretKey"/>
/// (<c>SYNCOPS_SECRET_KEY</c>, base64 of 32 bytes), or else from <c>&lt;data dir&gt;/secret-key</c>, generated once with mode 600. Layout: version byte, 12-byte nonce,
/// 16-byte tag, ciphertext; the connection id is the associated data, so a ciphertext cannot be moved to another row.
/// </summary>
public sealed class SecretProtector
{
    public const string KeyVariable = SyncOpsSettings.SecretKeyVariable;
    private const byte Version = 1;
    private readonly byte[] _key;

    public SecretProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new SyncOpsException($"{KeyVariable} must be 32 bytes (base64), not {key.Length}");
        }

        _key = key;
    }

    /// <summary>The configured key, else the data folder's key file (created when missing).</summary>
    public static SecretProtector FromSettings(SyncOpsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!string.IsNullOrWhiteSpace(settings.SecretKey))
        {
            return new SecretProtector(DecodeKey(settings.SecretKey.Trim()));
        }

        var path = Path.Combine(settings.DataDirectory, "secret-key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(settings.DataDirectory);
            var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                using var stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
                stream.Write(Encoding.ASCII.GetBytes(created));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
        }

        return new SecretProtector(DecodeKey(File.ReadAllText(path).Trim()));
    }

    /// <summary>
    /// Names the key without revealing it (the first 16 hex digits of its SHA-256), so that rows can say which key
    /// encrypted them and a process holding another key leaves them alone.
    /// </summary>
    public string KeyId => Convert.ToHexStringLower(SHA256.HashData(_key))[..16];

    public byte[] Protect(string plaintext, Guid associatedId)
    {
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + 12 + 16 + data.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, data, output.AsSpan(29), output.AsSpan(13, 16), associatedId.ToByteArray());
        return output;
    }

    public string Unprotect(byte[] protectedData, Guid associatedId)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        if (protectedData.Length < 29 || protectedData[0] != Version)
        {
            throw new SyncOpsException("stored connection secret has an unknown format");
        }

        var plaintext = new byte[protectedData.Length - 29];
        using var aes = new AesGcm(_key, 16);
        try
        {
            aes.Decrypt(protectedData.AsSpan(1, 12), protectedData.AsSpan(29), protectedData.AsSpan(13, 16), plaintext,
                associatedId.ToByteArray());
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new SyncOpsException($"cannot decrypt the connection's secrets: {KeyVariable} is not the key they were stored with", e);
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] DecodeKey(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new SyncOpsException($"{KeyVariable} is not base64", e);
        }
    }
}
