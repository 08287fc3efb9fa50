using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncOps.Embedded;

/// <summary>What SyncOps remembers about its private cluster, kept beside the data folder (mode 600).</summary>
internal sealed record ClusterState(
    [property: JsonPropertyName("superuser")] string Superuser,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("port")] int Port)
{
    public static ClusterState? Load(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(path)) : null;

    public void Save(string path)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(this));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
