namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Preferences that change a write (PostgREST docs, "Prefer Header": tx, max-affected, missing): each checks the answer
/// and what the database holds afterwards.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class WritePreferencesConformanceTests : ConformanceTest
{
    [Fact]
    public async Task TxRollback_AnswersAsIfCommitted_ButKeepsNothing()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/channels?select=id,slug", Token,
            """{"id":70,"org_id":"acme","slug":"temporary"}""", ("Prefer", "return=representation, tx=rollback"));
        AssertJson(response, 201, """[{"id":70,"slug":"temporary"}]""");
        Assert.Equal("return=representation, tx=rollback", response.Header("Preference-Applied"));
        Assert.Equal(0L, await CountAsync("select count(*) from public.channels where id = 70"));
    }

    [Fact]
    public async Task TxRollback_OnRpc_KeepsNothing()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/rpc/add_channel", Token, """{"p_id":72,"p_slug":"rpc"}""",
            ("Prefer", "tx=rollback"));
        AssertJson(response, 200, "72");
        Assert.Equal(0L, await CountAsync("select count(*) from public.channels where id = 72"));
    }

    [Fact]
    public async Task TxCommit_Keeps()
    {
        try
        {
            var response = await SendAsync(HttpMethod.Post, "/rest/v1/channels", Token,
                """{"id":71,"org_id":"acme","slug":"kept"}""", ("Prefer", "tx=commit"));
            Assert.Equal(201, response.Status);
            Assert.Equal(1L, await CountAsync("select count(*) from public.channels where id = 71"));
        }
        finally
        {
            await CountAsync("with d as (delete from public.channels where id = 71 returning 1) select count(*) from d");
        }
    }

    [Fact]
    public async Task MaxAffectedExceeded_Pgrst124_AndNothingChanged()
    {
        var response = await SendAsync(HttpMethod.Patch, "/rest/v1/users?manager_id=eq.1", Token, """{"username":"renamed"}""",
            ("Prefer", "handling=strict, max-affected=1"));
        AssertJson(response, 400,
            """{"code":"PGRST124","details":"The query affects 2 rows","hint":null,"message":"Query result exceeds max-affected preference constraint"}""");
        Assert.Equal(0L, await CountAsync("select count(*) from public.users where username = 'renamed'"));
    }

    [Fact]
    public async Task MaxAffectedRespected_Succeeds()
    {
        var response = await SendAsync(HttpMethod.Patch, "/rest/v1/users?id=eq.3", Token, """{"username":"carol"}""",
            ("Prefer", "handling=strict, max-affected=1"));
        Assert.Equal(204, response.Status);
    }

    [Fact]
    public async Task MaxAffectedWithoutStrict_IsIgnored()
    {
        var response = await SendAsync(HttpMethod.Patch, "/rest/v1/users?manager_id=eq.1", Token, """{"manager_id":1}""",
            ("Prefer", "max-affected=1"));
        Assert.Equal(204, response.Status);
    }

    [Fact]
    public async Task MissingDefault_BulkInsertTakesColumnDefaultsForAbsentKeys()
    {
        try
        {
            var response = await SendAsync(HttpMethod.Post, "/rest/v1/messages?columns=id,org_id,channel_id,body&select=id,body", Token,
                """[{"id":160,"org_id":"acme","channel_id":12,"body":"given"},{"id":161,"org_id":"acme","channel_id":12}]""",
                ("Prefer", "return=representation, missing=default"));
            AssertJson(response, 201, """[{"id":160,"body":"given"},{"id":161,"body":"(no text)"}]""");
        }
        finally
        {
            await CountAsync("with d as (delete from public.messages where id in (160, 161) returning 1) select count(*) from d");
        }
    }

    [Fact]
    public async Task WithoutMissingDefault_AbsentKeyIsNull()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/messages?columns=id,org_id,channel_id,body", Token,
            """[{"id":162,"org_id":"acme","channel_id":12}]""");
        Assert.Equal(400, response.Status);
        Assert.Equal("23502", response.ErrorCode); // body is not null: PostgREST inserts NULL, PostgreSQL refuses
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var command = Conformance.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
