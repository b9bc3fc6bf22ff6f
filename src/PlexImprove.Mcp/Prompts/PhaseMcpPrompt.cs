using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PlexImprove.Agent.Lessons;
using PlexImprove.Agent.Prompts;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Mcp.Prompts;

/// <summary>
/// One phase prompt served over MCP: its declared input variables become the prompt's arguments, and each
/// <c>prompts/get</c> renders it with the lesson book as it is now, so a client can run a phase with its own model.
/// </summary>
public sealed class PhaseMcpPrompt : McpServerPrompt
{
    private readonly PromptLibrary _library;
    private readonly PromptDefinition _definition;
    private readonly string? _lessonsFile;
    private readonly SecretRedactor _redactor;

    public PhaseMcpPrompt(PromptLibrary library, PromptDefinition definition, string? lessonsFile, SecretRedactor redactor)
    {
        _library = library;
        _definition = definition;
        _lessonsFile = lessonsFile;
        _redactor = redactor;
        ProtocolPrompt = new Prompt
        {
            Name = definition.Name,
            Description = definition.Description,
            Arguments =
            [
                .. definition.InputVariables.Select(v => new PromptArgument
                {
                    Name = v.Name,
                    Description = v.Description,
                    Required = v.IsRequired && v.Default is null,
                }),
            ],
        };
    }

    /// <summary>Every prompt of <paramref name="library"/>, in name order.</summary>
    public static IReadOnlyList<PhaseMcpPrompt> All(PromptLibrary library, string? lessonsFile, SecretRedactor redactor) =>
        [.. library.Prompts.Select(p => new PhaseMcpPrompt(library, p, lessonsFile, redactor))];

    /// <inheritdoc/>
    public override Prompt ProtocolPrompt { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<object> Metadata { get; } = [];

    /// <inheritdoc/>
    public override ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Params?.Arguments ?? new Dictionary<string, JsonElement>())
        {
            variables[name] = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
        }

        try
        {
            var lessons = _lessonsFile is null ? LessonBook.Empty : LessonBook.Load(_lessonsFile);
            var messages = _library.RenderMessages(_definition.Name, variables, lessons, cancellationToken);
            return ValueTask.FromResult(new GetPromptResult
            {
                Description = _definition.Description,
                Messages = [.. messages.Select(ToProtocol)],
            });
        }
        catch (PlexImproveException e)
        {
            throw new McpException(_redactor.Redact(e.Message));
        }
    }

    // MCP prompts carry user and assistant messages only: the system part goes first as a user message, marked so the
    // client's model still reads it as instructions.
    private ModelContextProtocol.Protocol.PromptMessage ToProtocol(Agent.Prompts.PromptMessage message) => new()
    {
        Role = message.Role == "assistant" ? Role.Assistant : Role.User,
        Content = new TextContentBlock
        {
            Text = _redactor.Redact(message.Role == "system" ? $"[system instructions]\n{message.Content}" : message.Content),
        },
    };
}
