namespace PlexImprove.Python.Runtime;

/// <summary>One interpreter discovery considered, and what came of it.</summary>
public sealed class InterpreterCandidate
{
    public required InterpreterSource Source { get; init; }

    /// <summary>The executable (empty when the source is not configured).</summary>
    public required string Path { get; init; }

    /// <summary>Environment variables this interpreter needs (PYTHONHOME, LD_LIBRARY_PATH).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>True for the candidate in use.</summary>
    public bool Used { get; set; }

    /// <summary>The version it reported, when it ran.</summary>
    public string? Version { get; set; }

    /// <summary>Why it is used or skipped, in words.</summary>
    public string Reason { get; set; } = "";
}
