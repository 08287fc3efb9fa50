using System.Text.Json.Nodes;
using SyncOps.Server.Rest.Catalog;

namespace SyncOps.Server.Rest.OpenApi;

/// <summary>
/// The document's <c>definitions</c>: one object schema per relation, its NOT NULL columns <c>required</c>, each
/// property with its type, <c>format</c> (the PostgreSQL type), default, enum labels, length, and the column's comment
/// followed by PostgREST's "Note:" lines for primary and single-column foreign keys (<c>makeTableDef</c>,
/// <c>makeProperty</c> in PostgREST's <c>Response/OpenAPI.hs</c>).
/// </summary>
internal static class OpenApiDefinitions
{
    public static JsonObject Build(OpenApiModel model, CatalogSnapshot snapshot)
    {
        var definitions = new JsonObject();
        foreach (var relation in model.Relations)
        {
            var table = snapshot.FindTable(model.Schema, relation.Name);
            var properties = new JsonObject();
            foreach (var column in relation.Columns)
            {
                properties[column.Name] = Property(column, table, snapshot.ForeignKeys);
            }

            var definition = new JsonObject();
            Add(definition, "description", relation.Description);
            definition["type"] = "object";
            if (properties.Count > 0)
            {
                definition["properties"] = properties;
            }

            var required = relation.Columns.Where(c => !c.Nullable).Select(c => (JsonNode)c.Name).ToArray();
            if (required.Length > 0)
            {
                definition["required"] = new JsonArray(required);
            }

            definitions[relation.Name] = definition;
        }

        return definitions;
    }

    private static JsonObject Property(OpenApiColumn column, TableInfo? table, IReadOnlyList<ForeignKey> keys)
    {
        var notes = new List<string> { "Note:" };
        if (table?.Find(column.Name)?.IsPrimaryKey == true)
        {
            notes.Add("This is a Primary Key.<pk/>");
        }

        // A foreign key of this one column to an exposed relation (PostgREST: many-to-one or one-to-one, tables first).
        var key = keys.FirstOrDefault(k => table is not null && k.Schema == table.Schema && k.Table == table.Name
                                           && k.Columns.Count == 1 && k.Columns[0] == column.Name);
        if (key is not null)
        {
            var (target, targetColumn) = (key.ForeignTable, key.ForeignColumns[0]);
            notes.Add($"This is a Foreign Key to `{target}.{targetColumn}`.<fk table='{target}' column='{targetColumn}'/>");
        }

        var description = notes.Count > 1
            ? (column.Description is null ? "" : column.Description + "\n\n") + string.Join("\n", notes)
            : column.Description;
        var property = new JsonObject();
        Add(property, "default", OpenApiTypes.Default(column.Type, column.Default));
        Add(property, "description", description);
        if (column.EnumLabels.Count > 0)
        {
            property["enum"] = new JsonArray(column.EnumLabels.Select(l => (JsonNode)l).ToArray());
        }

        property["format"] = column.Type;
        Add(property, "maxLength", column.MaxLength);
        Add(property, "type", OpenApiTypes.SwaggerType(column.Type));
        Add(property, "items", OpenApiTypes.Items(column.Type));
        return property;
    }

    private static void Add(JsonObject target, string name, JsonNode? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
