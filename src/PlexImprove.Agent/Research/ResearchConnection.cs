using ModelContextProtocol.Client;

namespace PlexImprove.Agent.Research;

/// <summary>An open connection to one research server with the tools it lists; disposing closes it (and stops a stdio server).</summary>
public sealed class ResearchConnection : IAsyncDisposable
{
    internal ResearchConnection(ResearchServerOptions server, McpClient client, IReadOnlyList<ResearchTool> tools, IReadOnlyList<(string Tool, string Reason)> withheld)
    {
        Server = server;
        Client = client;
        Tools = tools;
        Withheld = withheld;
    }

    public ResearchServerOptions Server { get; }
    public McpClient Client { get; }

    /// <summary>The tools the configuration allows, ready for the kernel.</summary>
    public IReadOnlyList<ResearchTool> Tools { get; }

    /// <summary>The tools the server lists that are not attached, with the reason.</summary>
    public IReadOnlyList<(string Tool, string Reason)> Withheld { get; }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
