namespace SyncOps.Server.Tests.Rest.Conformance;

/// <summary>
/// Resource embedding (PostgREST docs, "Resource Embedding"; Plan.hs findRel): each case is the request
/// <c>supabase.from(...).select('...')</c> sends and the body PostgREST answers on this schema.
/// </summary>
[Collection(SharedConformanceSchema.Name)]
public sealed class EmbeddingConformanceTests : ConformanceTest
{
    [Fact]
    public async Task ManyToOne_EmbedsAnObject() => AssertJson(
        await GetAsync("messages?select=id,channels(slug)&id=in.(100,102)&order=id"), 200,
        """[{"id":100,"channels":{"slug":"general"}},{"id":102,"channels":{"slug":"random"}}]""");

    [Fact]
    public async Task ManyToOne_RowHiddenByRls_IsNull() => AssertJson(
        await GetAsync("messages?select=id,author:users!user_id(username)&id=eq.103"), 200,
        """[{"id":103,"author":null}]""");

    [Fact]
    public async Task OneToMany_ArraysWithEmptyArrayWhenNone_AndNeverAnotherOrganisationsRows() => AssertJson(
        await GetAsync("channels?select=slug,messages(id)&messages.order=id&order=id"), 200,
        """[{"slug":"general","messages":[{"id":100},{"id":101},{"id":103}]},{"slug":"random","messages":[{"id":102}]},{"slug":"empty","messages":[]}]""");

    [Fact]
    public async Task OneToOne_EmbedsAnObjectOrNull() => AssertJson(
        await GetAsync("users?select=username,user_settings(theme)&id=in.(1,2)&order=id"), 200,
        """[{"username":"alice","user_settings":{"theme":"dark"}},{"username":"bob","user_settings":null}]""");

    [Fact]
    public async Task ManyToMany_ThroughJoinTableHint() => AssertJson(
        await GetAsync("users?select=username,channels!channel_members(slug)&channels.order=slug&id=eq.2"), 200,
        """[{"username":"bob","channels":[{"slug":"general"},{"slug":"random"}]}]""");

    [Fact]
    public async Task ManyToMany_NeverReachesAnotherOrganisationsMembers() => AssertJson(
        await GetAsync("channels?select=slug,users!channel_members(username)&users.order=username&id=eq.10"), 200,
        """[{"slug":"general","users":[{"username":"alice"},{"username":"bob"}]}]""");

    [Fact]
    public async Task SelfReference_TableNameGivesChildren_ColumnGivesParent() => AssertJson(
        await GetAsync("users?select=username,manager:manager_id(username),reports:users(username)&reports.order=id&id=in.(1,2)&order=id"), 200,
        """[{"username":"alice","manager":null,"reports":[{"username":"bob"},{"username":"carol"}]},{"username":"bob","manager":{"username":"alice"},"reports":[]}]""");

    [Fact]
    public async Task NestedLevels_WithStar() => AssertJson(
        await GetAsync("channels?select=*,messages(id,users!user_id(username))&messages.order=id&messages.limit=2&id=eq.10"), 200,
        """[{"id":10,"org_id":"acme","slug":"general","owner_id":1,"messages":[{"id":100,"users":{"username":"alice"}},{"id":101,"users":{"username":"bob"}}]}]""");

    [Fact]
    public async Task EmbeddedOrderLimitOffsetAndFilter() => AssertJson(
        await GetAsync("channels?select=slug,messages(id)&messages.order=id.desc&messages.limit=1&messages.offset=1&messages.id=lt.200&id=eq.10"), 200,
        """[{"slug":"general","messages":[{"id":101}]}]""");

    [Fact]
    public async Task InnerJoin_DropsParentsWithoutMatch() => AssertJson(
        await GetAsync("channels?select=slug,messages!inner(id)&messages.body=like.*fox*&order=id"), 200,
        """[{"slug":"general","messages":[{"id":101}]}]""");

    [Fact]
    public async Task EmptyEmbed_FiltersWithoutAddingAKey() => AssertJson(
        await GetAsync("channels?select=slug,messages!inner()&messages.id=eq.102"), 200,
        """[{"slug":"random"}]""");

    [Fact]
    public async Task NullEmbedFilter_FindsParentsWithoutChildren() => AssertJson(
        await GetAsync("channels?select=slug,messages(id)&messages=is.null&order=id"), 200,
        """[{"slug":"empty","messages":[]}]""");

    [Fact]
    public async Task Spread_LiftsToOneColumnsIntoTheParent() => AssertJson(
        await GetAsync("messages?select=id,...channels(channel:slug)&id=eq.100"), 200,
        """[{"id":100,"channel":"general"}]""");

    [Fact]
    public async Task ForeignKeyNameHint_PicksThatKey() => AssertJson(
        await GetAsync("messages?select=id,editor:users!messages_edited_by_fkey(username)&id=eq.101"), 200,
        """[{"id":101,"editor":{"username":"alice"}}]""");

    [Fact]
    public async Task ColumnHintOnTheOtherSide_PicksTheDirectKeyOverTheJoinTable() => AssertJson(
        await GetAsync("users?select=username,owned:channels!owner_id(slug)&owned.order=slug&id=eq.1"), 200,
        """[{"username":"alice","owned":[{"slug":"general"}]}]""");

    [Fact]
    public async Task LeftHint_KeepsParentsWithoutMatch() => AssertJson(
        await GetAsync("channels?select=slug,messages!left(id)&messages.id=eq.102&order=id"), 200,
        """[{"slug":"general","messages":[]},{"slug":"random","messages":[{"id":102}]},{"slug":"empty","messages":[]}]""");

    [Fact]
    public async Task SpreadWithoutVisibleMatch_GivesNullColumns() => AssertJson(
        await GetAsync("messages?select=id,...users!user_id(author:username)&id=eq.103"), 200,
        """[{"id":103,"author":null}]""");

    [Fact]
    public async Task AnonymousCaller_EmbedsNothingRlsHides() => AssertJson(
        await SendAsync(HttpMethod.Get, "/rest/v1/channels?select=slug,messages(id)", Conformance.AnonKey), 200, "[]");

    [Fact]
    public async Task NoRelationship_Pgrst200() => AssertJson(
        await GetAsync("channels?select=*,reports(*)"), 400,
        """{"code":"PGRST200","details":"Searched for a foreign key relationship between 'channels' and 'reports' in the schema 'public', but no matches were found.","hint":null,"message":"Could not find a relationship between 'channels' and 'reports' in the schema cache"}""");

    [Fact]
    public async Task NoRelationshipWithHint_Pgrst200NamesTheHint() => AssertJson(
        await GetAsync("messages?select=*,users!nope(*)"), 400,
        """{"code":"PGRST200","details":"Searched for a foreign key relationship between 'messages' and 'users' using the hint 'nope' in the schema 'public', but no matches were found.","hint":null,"message":"Could not find a relationship between 'messages' and 'users' in the schema cache"}""");

    [Fact]
    public async Task TwoKeysToOneTable_Pgrst201WithCandidates() => AssertJson(
        await GetAsync("messages?select=*,users(*)"), 300,
        """{"code":"PGRST201","details":[{"cardinality":"many-to-one","embedding":"messages with users","relationship":"messages_edited_by_fkey using messages(edited_by) and users(id)"},{"cardinality":"many-to-one","embedding":"messages with users","relationship":"messages_user_id_fkey using messages(user_id) and users(id)"}],"hint":"Try changing 'users' to one of the following: 'users!messages_edited_by_fkey', 'users!messages_user_id_fkey'. Find the desired relationship in the 'details' key.","message":"Could not embed because more than one relationship was found for 'messages' and 'users'"}""");

    [Fact]
    public async Task DirectKeyAndJoinTable_Pgrst201ListsBoth() => AssertJson(
        await GetAsync("users?select=channels(*)"), 300,
        """{"code":"PGRST201","details":[{"cardinality":"one-to-many","embedding":"users with channels","relationship":"channels_owner_id_fkey using users(id) and channels(owner_id)"},{"cardinality":"many-to-many","embedding":"users with channels","relationship":"channel_members using channel_members_user_id_fkey(user_id) and channel_members_channel_id_fkey(channel_id)"}],"hint":"Try changing 'channels' to one of the following: 'channels!channels_owner_id_fkey', 'channels!channel_members'. Find the desired relationship in the 'details' key.","message":"Could not embed because more than one relationship was found for 'users' and 'channels'"}""");

    [Fact]
    public async Task FilterOnAnEmbedNotSelected_Pgrst108() => AssertJson(
        await GetAsync("channels?select=slug&messages.limit=1"), 400,
        """{"code":"PGRST108","details":null,"hint":"Verify that 'messages' is included in the 'select' query parameter.","message":"'messages' is not an embedded resource in this request"}""");

    [Fact]
    public async Task OtherOperatorOnAnEmbed_Pgrst120() => AssertJson(
        await GetAsync("channels?select=slug,messages(id)&messages=eq.1"), 400,
        """{"code":"PGRST120","details":"Only is null or not is null filters are allowed on embedded resources","hint":null,"message":"Bad operator on the 'messages' embedded resource"}""");

    [Fact]
    public async Task SpreadOfToMany_Pgrst119() => AssertJson(
        await GetAsync("channels?select=slug,...messages(id)"), 400,
        """{"code":"PGRST119","details":"'channels' and 'messages' do not form a many-to-one or one-to-one relationship","hint":null,"message":"A spread operation on 'messages' is not possible"}""");

    [Fact]
    public async Task CountWithInnerEmbed_CountsOnlyMatchingParents()
    {
        var response = await GetAsync("channels?select=slug,messages!inner(id)&messages.id=eq.102", ("Prefer", "count=exact"));
        AssertJson(response, 200, """[{"slug":"random","messages":[{"id":102}]}]""");
        Assert.Equal("0-0/1", response.Header("Content-Range"));
    }

    [Fact]
    public async Task WriteWithRepresentation_EmbedsTheInsertedRowsRelations()
    {
        var response = await SendAsync(HttpMethod.Post, "/rest/v1/messages?select=id,channels(slug)", Token,
            """{"id":150,"org_id":"acme","channel_id":11,"body":"posted"}""", ("Prefer", "return=representation"));
        try
        {
            AssertJson(response, 201, """[{"id":150,"channels":{"slug":"random"}}]""");
        }
        finally
        {
            await using var cleanup = Conformance.DataSource.CreateCommand("delete from public.messages where id = 150");
            await cleanup.ExecuteNonQueryAsync();
        }
    }
}
