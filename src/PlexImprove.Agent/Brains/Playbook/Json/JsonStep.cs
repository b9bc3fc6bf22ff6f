namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>
/// One step of an access path as written in the agent's code: what it reads, where a missing level would be inserted
/// (just before the step's text, or after a loop's iterable) and, for keys, where the key's name is written.
/// </summary>
public sealed record JsonStep(JsonStepKind Kind, string? Key, int Index, AgentCodeFile File, int InsertAt, int KeyStart = -1, int KeyEnd = -1)
{
    public override string ToString() => Kind switch
    {
        JsonStepKind.Key => $"['{Key}']",
        JsonStepKind.Index => $"[{Index}]",
        _ => "[*]",
    };

    /// <summary>True for a step a repair adds: it is written at <see cref="InsertAt"/> of the step it precedes.</summary>
    public bool IsInserted { get; init; }

    /// <summary>A key step a repair adds before <paramref name="before"/>.</summary>
    public static JsonStep KeyBefore(string key, JsonStep before) => new(JsonStepKind.Key, key, 0, before.File, before.InsertAt) { IsInserted = true };

    /// <summary>An index step a repair adds before <paramref name="before"/>.</summary>
    public static JsonStep IndexBefore(int index, JsonStep before) => new(JsonStepKind.Index, null, index, before.File, before.InsertAt) { IsInserted = true };

    /// <summary>The step's Python text when a repair writes it.</summary>
    public string Code => Kind == JsonStepKind.Index ? $"[{Index}]" : $"['{Key}']";
}
