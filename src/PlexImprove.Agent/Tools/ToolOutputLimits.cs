namespace PlexImprove.Agent.Tools;

/// <summary>How much a tool may return, so one answer never floods the model's context.</summary>
public sealed class ToolOutputLimits
{
    /// <summary>Characters of one tool result at most (default 16 000); longer results are cut and say so.</summary>
    public int MaxChars { get; init; } = 16_000;

    /// <summary>Rows of a list result at most (signatures, sessions, matches, items; default 50).</summary>
    public int MaxItems { get; init; } = 50;

    /// <summary>Lines of a file or log excerpt at most (default 400).</summary>
    public int MaxLines { get; init; } = 400;

    /// <summary>Characters of a fetched page's text shown at most (default 12 000).</summary>
    public int MaxPageChars { get; init; } = 12_000;

    /// <summary>Characters of HTML a caller may give <c>test_xpath</c> to evaluate on (default 2 097 152, the fetched page's cap): parsing keeps several times the text in memory.</summary>
    public int MaxHtmlInputChars { get; init; } = 2 * 1024 * 1024;

    /// <summary>Log files one call of <c>aggregate_logs</c>, <c>list_signatures</c> or <c>get_agent_sessions</c> reads at most (default 500); more is refused before reading.</summary>
    public int MaxLogFiles { get; init; } = 500;

    /// <summary>Bytes of log one such call reads at most (default 1 GiB); more is refused before reading.</summary>
    public long MaxLogBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// How long one read-only tool call may take (default 3 minutes): past it the call ends with an error answer and
    /// its work is cancelled. Writers are not cut short (a change is finished or not started); they are bounded by the
    /// gate's time limit and the writer lock's wait.
    /// </summary>
    public TimeSpan MaxCallTime { get; init; } = TimeSpan.FromMinutes(3);
}
