using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Research;

/// <summary>Checks one <c>Research:Servers</c> entry; each problem names the server and what to change.</summary>
public static partial class ResearchServerValidator
{
    /// <summary>The problems found; empty when the entry can be used.</summary>
    public static IReadOnlyList<string> Validate(ResearchServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var problems = new List<string>();
        string who = $"Research server '{server.Name}'";
        if (!NamePattern().IsMatch(server.Name))
        {
            problems.Add($"{who}: Name must be 1-40 letters, digits, '_' or '-'.");
        }

        switch (server.Transport.Trim().ToLowerInvariant())
        {
            case ResearchTransports.Stdio when string.IsNullOrWhiteSpace(server.Command):
                problems.Add($"{who}: Transport stdio needs Command (the program to start, e.g. npx).");
                break;
            case ResearchTransports.Http when !Uri.TryCreate(server.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps):
                problems.Add($"{who}: Transport http needs Url, an absolute http(s) address such as https://mcp.context7.com/mcp.");
                break;
            case ResearchTransports.Stdio or ResearchTransports.Http:
                break;
            default:
                problems.Add($"{who}: Transport '{server.Transport}' is not known; use stdio or http.");
                break;
        }

        foreach (string phase in server.Phases.Where(p => !ResearchPhases.All.Contains(p.Trim().ToLowerInvariant())))
        {
            problems.Add($"{who}: phase '{phase}' is not known; use {string.Join(", ", ResearchPhases.All)}.");
        }

        if (server.TimeoutSeconds <= 0 || server.StartTimeoutSeconds <= 0)
        {
            problems.Add($"{who}: TimeoutSeconds and StartTimeoutSeconds must be positive.");
        }

        return problems;
    }

    /// <summary>The phases the server is offered in (its own list, else the default).</summary>
    public static IReadOnlyList<string> PhasesOf(ResearchServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Phases.Count == 0 ? ResearchPhases.Default : [.. server.Phases.Select(p => p.Trim().ToLowerInvariant())];
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex NamePattern();
}
