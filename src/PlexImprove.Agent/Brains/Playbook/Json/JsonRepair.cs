namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>How one JSON read of the agent was made to find its value in the document the API serves now.</summary>
public sealed record JsonRepair(JsonAccess Access, IReadOnlyList<JsonStep> Steps, IReadOnlyList<(JsonStep Step, string NewKey)> Renames, string Description);
