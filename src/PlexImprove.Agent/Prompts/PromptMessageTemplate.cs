using Scriban;

namespace PlexImprove.Agent.Prompts;

/// <summary>One <c>&lt;message role="…"&gt;</c> block of a prompt body, compiled.</summary>
internal sealed class PromptMessageTemplate
{
    public required string Role { get; init; }

    public required Template Template { get; init; }

    /// <summary>The file line (1-based) of the block's first content line: Scriban's 0-based lines are added to it.</summary>
    public required int FirstLine { get; init; }
}
