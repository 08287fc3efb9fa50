using System.Text.Json;
using SyncOps.Connectors;
using SyncOps.Connectors.Odoo;

namespace SyncOps.Tests.Connectors;

/// <summary>The published Odoo results (reference/fixtures/odoo) through the mapper.</summary>
public sealed class OdooMapperTests
{
    [Fact]
    public void Map_FixturePartner_FalseIsNullAndManyToOneGivesName()
    {
        var partners = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "odoo", "res.partner-search_read.result.json"))).RootElement;

        var record = OdooMapper.Map(SyncEntity.Customer, partners[0]).Record!;

        Assert.Equal("7", record.ExternalId);
        Assert.Equal("Agrolait", record.Fields[3]);
        Assert.Null(record.Fields[0]);
        Assert.Equal("Belgium", record.Fields[7]);
    }

    [Fact]
    public void Map_LogAccessDates_ReadAsUtc()
    {
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "odoo", "x_custom-read-with-log-access-fields.result.json"))).RootElement;

        var record = OdooMapper.Map(SyncEntity.Customer, rows[0]).Record!;

        Assert.Equal(new DateTimeOffset(2014, 11, 12, 16, 32, 13, TimeSpan.Zero), record.SourceUpdatedAt);
    }
}
