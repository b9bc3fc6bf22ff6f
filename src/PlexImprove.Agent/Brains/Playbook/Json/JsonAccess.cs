namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>
/// A read of a JSON document in the agent's code: the steps from the document's root, the line it is written on, and
/// where the call that fetched or parsed the document is (reads of one document share it).
/// </summary>
public sealed record JsonAccess(IReadOnlyList<JsonStep> Steps, AgentCodeFile File, int Line, string Text, int SourceAt)
{
    public string Path => string.Concat(Steps.Select(s => s.ToString()));
}
