namespace PlexImprove.Agent.Prompts;

/// <summary>One rendered message of a prompt, exactly as the model receives it.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text, trimmed, with no markup added.</param>
public sealed record PromptMessage(string Role, string Content);
