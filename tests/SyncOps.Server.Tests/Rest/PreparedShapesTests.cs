using SyncOps.Server.Rest;

namespace SyncOps.Server.Tests.Rest;

/// <summary>Which statement texts the REST API prepares: from their second use, and never more than the cap.</summary>
public sealed class PreparedShapesTests
{
    [Fact]
    public void ShouldPrepare_FromTheSecondUseOn()
    {
        var shapes = new PreparedShapes(4);
        Assert.False(shapes.ShouldPrepare("select 1"));
        Assert.True(shapes.ShouldPrepare("select 1"));
        Assert.True(shapes.ShouldPrepare("select 1"));
        Assert.False(shapes.ShouldPrepare("select 2"));
    }

    [Fact]
    public void ShouldPrepare_NoNewTextOnceTheCapIsReached()
    {
        var shapes = new PreparedShapes(2);
        foreach (var sql in new[] { "select 1", "select 2", "select 3" })
        {
            shapes.ShouldPrepare(sql);
            shapes.ShouldPrepare(sql);
        }

        Assert.True(shapes.ShouldPrepare("select 1"));
        Assert.True(shapes.ShouldPrepare("select 2"));
        Assert.False(shapes.ShouldPrepare("select 3"));
    }

    [Fact]
    public void ShouldPrepare_NeverWithACapOfZero()
    {
        var shapes = new PreparedShapes(0);
        Assert.False(shapes.ShouldPrepare("select 1"));
        Assert.False(shapes.ShouldPrepare("select 1"));
    }
}
