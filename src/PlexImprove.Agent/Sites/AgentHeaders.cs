namespace PlexImprove.Agent.Sites;

/// <summary>The headers an agent's code sends.</summary>
/// <param name="Always">Sent with every request: the Framework's <c>User-Agent</c> unless the agent sets <c>HTTP.Headers</c>.</param>
/// <param name="PerCall">Header dictionaries in the code that single calls pass (<c>headers=…</c>), in file order.</param>
public sealed record AgentHeaders(IReadOnlyDictionary<string, string> Always, IReadOnlyList<IReadOnlyDictionary<string, string>> PerCall);
