namespace PlexImprove.Agent.Prompts;

/// <summary>One input a prompt declares in its front matter (<c>input_variables</c>).</summary>
public sealed class PromptInputVariable
{
    public required string Name { get; init; }

    /// <summary>What the caller must supply; shown by <c>prompts show</c> and to MCP clients.</summary>
    public required string Description { get; init; }

    /// <summary>Rendering without a value (and without <see cref="Default"/>) is an error naming the file and line.</summary>
    public bool IsRequired { get; init; } = true;

    /// <summary>Used when the caller gives no value.</summary>
    public object? Default { get; init; }

    /// <summary>The line of the declaration in the prompt file (1-based), for error messages.</summary>
    public int Line { get; init; }
}
