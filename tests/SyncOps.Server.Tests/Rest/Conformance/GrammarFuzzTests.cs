using System.Text;
using System.Text.Json;

namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// The fuzz of <see cref="FuzzTests"/> over issue 13's grammar, on the conformance schema with aggregates and plans on:
/// aliases, casts, JSON paths, nested and hinted embeds, aggregates, computed fields, related orders, plan and stripped
/// media types. No 5xx, no hang (the client times out after 30 s), every failure the four-key error object. Reads only
/// (and read-only functions), so the shared conformance data never changes. Seeded, so a failure reproduces.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class GrammarFuzzTests : ConformanceTest
{
    private static readonly string[] s_paths =
    [
        "users", "messages", "channels", "channel_members", "user_settings", "channel_stats", "numbers", "rpc/channel_messages",
        "rpc/count_keys", "rpc/echo_body", "rpc/full_name", "%2e%2e", "%2E%2E%2Fusers", "users%2F..", "..", "rpc/%2e%2e", "nope",
    ];

    private static readonly string[] s_keys =
    [
        "select", "order", "limit", "offset", "or", "and", "id", "channel_id", "user_id", "data->a->>b", "data->>n", "profile->langs->0",
        "full_name", "messages.order", "messages.limit", "messages.id", "users.order", "author.username", "p_channel", "search", "body",
        "channels.slug", "a.b.c.offset", "count", "n", "x->", "",
    ];

    private static readonly string[] s_values =
    [
        "id,username", "a:id,b:username::text", "id::text.count()", "count()", "count()::int", "c:count(),channel_id", "id.sum()",
        "id.avg()::text", "data->>n::int.sum()::text", "data->a->>b", "id.median()", "id.sum(", ".sum()", "count(", "count()()",
        "*,messages(count())", "slug,messages(id.max(),body)", "*,users!owner_id(full_name)", "id,author:users!user_id(id,channels!owner_id(count()))",
        "*,channels(*,messages(*,users!user_id(*)))", "...channels(slug)", "...messages(id)", "id,channel_members(user_id)", "x:y:z", "*,count()", "id,...channels(id.sum())", "...channels(slug),count()", "count(),users!user_id(full_name)",
        "full_name", "full_name.max()", "id::nosuchtype", "id::text::int", "profile->>tz::int.sum()", "users!inner(id)",
        "channels(slug).desc", "channels(slug).asc.nullsfirst", "messages(id)", "users(full_name).desc", "full_name.desc", "nope(x)",
        "eq.1", "gt.100", "in.(1,2)", "is.null", "eq.bob#2", "fts(english).hello", "like(any).{a*,b*}", "cs.{\"tz\":\"UTC\"}", "ov.[1,2)",
        "(id.eq.1,full_name.eq.x)", "not.is.null", "10", "-1", "99999999999999999999", "((", "\"quoted\"", ":::", "a->>",
    ];

    private static readonly (string Name, string[] Values)[] s_headers =
    [
        ("Accept", [
            "application/json", "application/vnd.pgrst.object+json", "application/vnd.pgrst.array+json;nulls=stripped",
            "application/vnd.pgrst.object+json;nulls=stripped", "application/vnd.pgrst.plan+json; for=\"application/json\"; options=analyze|verbose;",
            "application/vnd.pgrst.plan", "application/vnd.pgrst.plan+text; for=\"text/csv\"; options=wal|buffers|settings|x;",
            "application/vnd.pgrst.plan; for=\"garbage\"", "application/geo+json", "text/csv", "*/*", "garbage;;;",
        ]),
        ("Prefer", ["count=planned", "count=estimated", "count=exact", "params=single-object", "handling=strict, count=planned", "tx=rollback"]),
        ("Range", ["0-9", "5-1", "0-"]),
    ];

    private static readonly string[] s_bodies = ["{}", "{\"a\":1}", "[]", "{", "null", "{\"p_channel\":10}", "{\"x\":\"\\ud800\"}"];

    [Fact]
    public async Task NewGrammar_NeverFailsWithServerErrors_AlwaysTheErrorObject()
    {
        var random = new Random(20261203);
        var tokens = new[] { Token, Conformance.AnonKey };
        var failures = new List<string>();
        for (var i = 0; i < 1500; i++)
        {
            var path = Pick(random, s_paths);
            var method = path.StartsWith("rpc/", StringComparison.Ordinal) && random.Next(2) == 0 ? HttpMethod.Post
                : random.Next(5) == 0 ? HttpMethod.Head : HttpMethod.Get;
            var query = new StringBuilder();
            for (var q = random.Next(0, 5); q > 0; q--)
            {
                query.Append(query.Length == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(Pick(random, s_keys))).Append('=').Append(Uri.EscapeDataString(Pick(random, s_values)));
            }

            var headers = s_headers.Where(_ => random.Next(2) == 0).Select(h => (h.Name, Pick(random, h.Values))).ToArray();
            var body = method == HttpMethod.Post ? Pick(random, s_bodies) : null;
            var url = "/rest/v1/" + path + query;
            var response = await SendAsync(method, url, Pick(random, tokens), body, headers);
            if (response.Status >= 500)
            {
                failures.Add($"{method} {url} [{string.Join("; ", headers.Select(h => h.Item1 + ": " + h.Item2))}] {body} -> {response.Status} {response.Body}");
            }
            else if (response.Status >= 400 && method != HttpMethod.Head && !HasErrorObject(response.Body))
            {
                failures.Add($"{method} {url} -> {response.Status} without error object: {response.Body}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} bad answers, e.g.:\n{string.Join("\n", failures.Take(10))}");
    }

    /// <summary>
    /// Kestrel decodes <c>%2e</c> and removes dot segments before routing, so these never leave <c>/rest/v1</c>'s
    /// handlers (<c>rpc/%2e%2e</c> becomes <c>/rest/v1/</c> itself, which answers as that path does).
    /// </summary>
    [Theory]
    [InlineData("%2e%2e")]
    [InlineData("%2E%2E%2Fusers")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("users%2F..%2F..")]
    [InlineData("users%2F%2e%2e%2F%2e%2e%2Fauth")]
    public async Task DotSegmentPaths_AnswerTheErrorObject(string path)
    {
        var response = await SendAsync(HttpMethod.Get, "/rest/v1/" + path, Token);
        Assert.InRange(response.Status, 400, 499);
        Assert.True(HasErrorObject(response.Body), response.Body);
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private static bool HasErrorObject(string body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out _) && json.TryGetProperty("message", out _)
                && json.TryGetProperty("details", out _) && json.TryGetProperty("hint", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
