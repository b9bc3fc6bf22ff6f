namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>Which of an agent's signatures an HTTP rule accounts for: those naming the status, and the bare "Error opening URL" records that go with them.</summary>
public static class HttpSignatures
{
    public static IReadOnlyList<string> Covering(AgentEvidence agent, int status)
    {
        var code = "HTTP Error " + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. agent.Signatures.Where(s => s.Text.Contains(code, StringComparison.Ordinal) || s.Example.Contains(code, StringComparison.Ordinal)
            || (s.Kind == "http" && s.Text.Contains("Error opening URL", StringComparison.Ordinal) && !s.Text.Contains("HTTP Error", StringComparison.Ordinal)))
            .Select(s => s.Id)];
    }
}
