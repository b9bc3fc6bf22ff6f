namespace PlexImprove.Core.Changes.Reading;

/// <summary>Some lines of an agent file, numbered as the gate and patches number them.</summary>
public sealed class AgentFileExcerpt
{
    /// <summary>Relative to the Plug-ins root.</summary>
    public required string Path { get; init; }

    public required int TotalLines { get; init; }

    /// <summary>1-based first line shown.</summary>
    public required int StartLine { get; init; }

    /// <summary>1-based last line shown (inclusive).</summary>
    public required int EndLine { get; init; }

    /// <summary>The lines, without line endings (bytes that are not UTF-8 shown as U+FFFD).</summary>
    public required IReadOnlyList<string> Lines { get; init; }

    /// <summary>The whole file's SHA-256, to tell later whether it changed.</summary>
    public required string Sha256 { get; init; }

    /// <summary>True when the file uses CRLF line endings.</summary>
    public required bool Crlf { get; init; }
}
