using System.Text.Json.Nodes;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>A running server activity, as listed by <c>/activities</c> (here always <c>library.refresh.items</c>).</summary>
public sealed class Activity
{
    public required string Uuid { get; init; }

    public required string Type { get; init; }

    public required string Title { get; init; }

    public required string Subtitle { get; init; }

    public required string ContextKey { get; init; }

    public int Progress { get; set; }

    public PlexNode ToNode() => new PlexNode("Activity")
        .Set("uuid", Uuid)
        .Set("type", Type)
        .Set("cancellable", false)
        .Set("userID", 1)
        .Set("title", Title)
        .Set("subtitle", Subtitle)
        .Set("progress", Progress)
        .Add(new PlexNode("Context") { JsonObject = true }.Set("key", ContextKey));

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["type"] = Type,
        ["cancellable"] = false,
        ["userID"] = 1,
        ["title"] = Title,
        ["subtitle"] = Subtitle,
        ["progress"] = Progress,
        ["Context"] = new JsonObject { ["key"] = ContextKey },
    };
}
