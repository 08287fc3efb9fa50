using System.Text;
using System.Text.RegularExpressions;

namespace SyncOps.Connectors.Http;

/// <summary>
/// A response body as words for an error message: an HTML page (a proxy's 502, WordPress's maintenance page, a security
/// plugin) becomes its visible text, never raw markup; anything else is kept, cut to a readable length.
/// </summary>
internal static partial class SourceText
{
    public static string Describe(byte[] body, int maxLength = 200)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64 * 1024));
        if (LooksLikeHtml(text))
        {
            text = Tags().Replace(Hidden().Replace(text, " "), " ");
            text = System.Net.WebUtility.HtmlDecode(text);
        }

        text = Spaces().Replace(text, " ").Trim();
        return text.Length <= maxLength ? text : text[..maxLength] + "...";
    }

    private static bool LooksLikeHtml(string text) =>
        text.Contains("<html", StringComparison.OrdinalIgnoreCase) || text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) ||
        text.Contains("<br", StringComparison.OrdinalIgnoreCase) || text.Contains("<p>", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("<(script|style|head)[^>]*>.*?</\\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
