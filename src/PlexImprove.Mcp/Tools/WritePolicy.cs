using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace PlexImprove.Mcp.Tools;

/// <summary>
/// Who may run a writer (<c>apply_patch</c>, <c>rollback_fix</c>, <c>restart_plex</c>, <c>plex_refresh_items</c>):
/// nobody unless the server was started with <c>--allow-writes</c> (or <c>Mcp:AllowWrites</c>); and when the
/// client can ask its user (elicitation), only after the user confirmed the exact change.
/// </summary>
public sealed class WritePolicy
{
    /// <summary>The name of the boolean field the confirmation form asks for.</summary>
    public const string ConfirmField = "confirm";

    public WritePolicy(bool allowWrites) => AllowWrites = allowWrites;

    /// <summary>Whether writers may run at all.</summary>
    public bool AllowWrites { get; }

    /// <summary>Throws when the writer may not run now; <paramref name="describeChange"/> is asked only when a user will see it.</summary>
    public async ValueTask EnsureAllowedAsync(
        string toolName,
        McpServer server,
        Func<CancellationToken, ValueTask<string>> describeChange,
        CancellationToken cancellationToken)
    {
        if (!AllowWrites)
        {
            throw new McpException(
                $"{toolName} changes agent code or Plex, and this server was started read-only. " +
                "Restart it with --allow-writes (or set Mcp:AllowWrites to true) to allow changes; every change is still gated, backed up and confined to the Plug-ins folder.");
        }

        if (server.ClientCapabilities?.Elicitation is null)
        {
            return;
        }

        string change = await describeChange(cancellationToken).ConfigureAwait(false);
        ElicitResult result;
        try
        {
            result = await Ask(server, toolName, change, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // The client can ask its user, but this connection cannot reach it (a stateless HTTP request). A user
            // who expects to confirm every change must not get one unconfirmed.
            throw new McpException(
                $"{toolName} needs your confirmation, but this connection cannot ask for it ({e.Message}); nothing was changed. " +
                "Connect over stdio, or with a client that starts with 'initialize' (protocol 2025-06-18 or earlier) to get a session.", e);
        }

        if (!IsConfirmed(result))
        {
            throw new McpException($"{toolName} was not confirmed by the user; nothing was changed.");
        }
    }

    private static ValueTask<ElicitResult> Ask(McpServer server, string toolName, string change, CancellationToken cancellationToken) =>
        server.ElicitAsync(new ElicitRequestParams
        {
            Message = $"Allow {toolName} to make this change?\n\n{change}",
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition>
                {
                    [ConfirmField] = new ElicitRequestParams.BooleanSchema
                    {
                        Title = "Apply this change",
                        Description = "Tick to let the server make exactly the change shown.",
                        Default = false,
                    },
                },
                Required = [ConfirmField],
            },
        }, cancellationToken);

    private static bool IsConfirmed(ElicitResult result) =>
        string.Equals(result.Action, "accept", StringComparison.Ordinal)
        && result.Content is { } content
        && content.TryGetValue(ConfirmField, out var value)
        && value.ValueKind == JsonValueKind.True;
}
