using System.Text.Json;
using Spectre.Console;

namespace SyncOps.Cli.Infrastructure;

/// <summary>How the CLI prints: tables and bars for people, one JSON document for machines.</summary>
internal static class CliOutput
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    public static void WriteJson<T>(T value) => Console.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A text progress bar that renders in any terminal and in logs.</summary>
    public static string Bar(int done, int total, int width = 20)
    {
        var fraction = total <= 0 ? 0 : Math.Clamp((double)done / total, 0, 1);
        var filled = (int)Math.Round(fraction * width);
        return $"{new string('█', filled)}{new string('░', width - filled)} {fraction * 100,5:0.0}%";
    }

    public static string Duration(int? seconds) => seconds switch
    {
        null => "—",
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min {seconds % 60} s",
        _ => $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    public static Table NewTable(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        return table;
    }
}
