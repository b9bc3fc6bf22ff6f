namespace PlexImprove.Agent.Chat;

/// <summary>Where a chat reads and writes, and where it keeps its history.</summary>
public sealed class ChatSessionOptions
{
    public required TextReader Input { get; init; }

    /// <summary>The model's answers (stdout).</summary>
    public required TextWriter Output { get; init; }

    /// <summary>Prompts, tool calls, command answers and errors (stderr).</summary>
    public required TextWriter Status { get; init; }

    /// <summary>The JSON file the conversation is saved to (on <c>/save</c> and at the end).</summary>
    public required string HistoryPath { get; init; }

    /// <summary>Shows a prompt before each line (a terminal); false with piped input.</summary>
    public bool Interactive { get; init; }

    /// <summary>Longest file <c>/load</c> takes into the conversation. Default 256 KiB.</summary>
    public int MaxLoadChars { get; init; } = 256 * 1024;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
