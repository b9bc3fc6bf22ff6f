using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Resources;
using PlexImprove.Mcp.Tools;

namespace PlexImprove.Mcp.Hosting;

/// <summary>Registers the PlexImproveAgent MCP server (tools, prompts, resources) on a service collection, whatever the transport.</summary>
public static class PlexImproveMcpServer
{
    public const string ServerName = "plex-improve";

    /// <summary>Adds the server; the caller picks the transport (stdio or HTTP).</summary>
    public static IMcpServerBuilder AddPlexImproveMcp(this IServiceCollection services, McpServeOptions options)
    {
        Directory.CreateDirectory(options.WorkDir);
        var resources = new RunFolderResources(options.WorkDir, options.LessonsFile, options.Redactor);
        services.AddSingleton(resources);
        services.AddSingleton(sp => new ResourceChangeNotifier(resources, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ResourceChangeNotifier>()));

        return services
            .AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = ServerName, Version = options.Version };
                server.ServerInstructions =
                    "PlexImproveAgent: diagnose and repair Plex legacy metadata agents. Start with aggregate_logs and list_signatures, " +
                    "read the agent's code, preview_patch a fix, then apply_patch (needs --allow-writes), refresh items and compare_metrics. " +
                    "Run reports and lessons are resources.";
                server.Capabilities = new ServerCapabilities
                {
                    Resources = new ResourcesCapability { Subscribe = true, ListChanged = true },
                };
            })
            .WithTools(CreateTools(options))
            .WithListPromptsHandler(async (_, cancellationToken) =>
            {
                var prompts = await options.Prompts.WaitAsync(cancellationToken).ConfigureAwait(false);
                return new ListPromptsResult { Prompts = [.. prompts.Select(p => p.ProtocolPrompt)] };
            })
            .WithGetPromptHandler(async (request, cancellationToken) =>
            {
                // Invalid params, as the protocol asks for an unknown name, not an internal error.
                string name = request.Params?.Name ?? throw new McpProtocolException("prompts/get needs a 'name'.", McpErrorCode.InvalidParams);
                var prompts = await options.Prompts.WaitAsync(cancellationToken).ConfigureAwait(false);
                var prompt = prompts.FirstOrDefault(p => string.Equals(p.ProtocolPrompt.Name, name, StringComparison.Ordinal))
                    ?? throw new McpProtocolException($"Unknown prompt: '{name}'. prompts/list names the prompts served.", McpErrorCode.InvalidParams);
                return await prompt.GetAsync(request, cancellationToken).ConfigureAwait(false);
            })
            .WithListResourcesHandler((request, _) =>
            {
                Notifier(request.Services).Track(request.Server);
                return ValueTask.FromResult(new ListResourcesResult { Resources = [.. resources.List()] });
            })
            .WithReadResourceHandler(async (request, cancellationToken) =>
            {
                Notifier(request.Services).Track(request.Server);
                string uri = request.Params?.Uri ?? throw new McpException("resources/read needs a 'uri'.");
                return await resources.ReadAsync(uri, cancellationToken).ConfigureAwait(false);
            })
            .WithSubscribeToResourcesHandler((request, _) =>
            {
                string uri = request.Params?.Uri ?? throw new McpException("resources/subscribe needs a 'uri'.");
                Notifier(request.Services).Subscribe(request.Server, uri);
                return ValueTask.FromResult(new EmptyResult());
            })
            .WithUnsubscribeFromResourcesHandler((request, _) =>
            {
                string uri = request.Params?.Uri ?? throw new McpException("resources/unsubscribe needs a 'uri'.");
                Notifier(request.Services).Unsubscribe(request.Server, uri);
                return ValueTask.FromResult(new EmptyResult());
            });
    }

    /// <summary>One MCP tool per registry tool; <c>apply_patch</c> shows the user <c>preview_patch</c>'s diff before it writes.</summary>
    public static IReadOnlyList<AgentMcpTool> CreateTools(McpServeOptions options)
    {
        var policy = new WritePolicy(options.AllowWrites);
        var previewTool = options.Tools.FirstOrDefault(t => t.Name == ToolNames.PreviewPatch) is { } p
            ? new AgentMcpTool(p, options.Kernel, policy, options.Redactor)
            : null;
        var duplicates = options.Tools.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"The tool registry holds duplicate names: {string.Join(", ", duplicates)}.");
        }

        return
        [
            .. options.Tools.Select(tool => tool.Name == ToolNames.ApplyPatch && previewTool is not null
                ? new AgentMcpTool(tool, options.Kernel, policy, options.Redactor, (args, ct) => PreviewAsync(previewTool, args, ct))
                : new AgentMcpTool(tool, options.Kernel, policy, options.Redactor)),
        ];
    }

    private static async ValueTask<string> PreviewAsync(AgentMcpTool preview, IReadOnlyDictionary<string, JsonElement>? arguments, CancellationToken cancellationToken)
    {
        // apply_patch may take more arguments than preview_patch (an iteration, an expectation): pass only the shared ones.
        var accepted = new HashSet<string>(preview.Tool.Function.Metadata.Parameters.Select(p => p.Name), StringComparer.Ordinal);
        var shared = arguments?.Where(a => accepted.Contains(a.Key)).ToDictionary(StringComparer.Ordinal);
        var result = preview.ToResult(await preview.RunAsync(shared, cancellationToken).ConfigureAwait(false));
        var diff = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

        // Hosts approved in the call itself are said first: the user, not the client, is the one to approve them.
        var hosts = arguments is not null && arguments.TryGetValue("approvedHosts", out var approved) && approved.ValueKind == JsonValueKind.Array
            ? approved.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()).ToList()
            : [];
        return hosts.Count == 0
            ? diff
            : $"This change lets the agent reach new network host(s) its code never used: {string.Join(", ", hosts)}. Confirm only if you trust them.\n\n{diff}";
    }

    private static ResourceChangeNotifier Notifier(IServiceProvider? services) =>
        services?.GetService<ResourceChangeNotifier>() ?? throw new McpException("The resource notifier is not available.");
}
