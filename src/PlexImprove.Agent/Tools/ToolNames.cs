namespace PlexImprove.Agent.Tools;

/// <summary>
/// The canonical tool names, shared by the loop's LLM brain, <c>chat</c> and the MCP server: a contract with
/// users' prompts and MCP clients, so never renamed.
/// </summary>
public static class ToolNames
{
    public const string AggregateLogs = "aggregate_logs";
    public const string ListSignatures = "list_signatures";
    public const string GetAgentSessions = "get_agent_sessions";
    public const string ReadLogExcerpt = "read_log_excerpt";
    public const string ReadAgentFile = "read_agent_file";
    public const string SearchAgentCode = "search_agent_code";
    public const string CheckPython27 = "check_python27";
    public const string LintPlexLoader = "lint_plex_loader";
    public const string PreviewPatch = "preview_patch";
    public const string ApplyPatch = "apply_patch";
    public const string RollbackFix = "rollback_fix";
    public const string ListBackups = "list_backups";
    public const string PlexStatus = "plex_status";
    public const string PlexFindItems = "plex_find_items";
    public const string PlexRefreshItems = "plex_refresh_items";
    public const string RestartPlex = "restart_plex";
    public const string CompareMetrics = "compare_metrics";
    public const string ReadLessons = "read_lessons";
    public const string GetLoopState = "get_loop_state";
    public const string ReadReport = "read_report";
    public const string FetchPage = "fetch_page";
    public const string TestXPath = "test_xpath";
    public const string PreflightFix = "preflight_fix";

    /// <summary>Every canonical name, in the order tools are listed.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        AggregateLogs, ListSignatures, GetAgentSessions, ReadLogExcerpt, ReadAgentFile, SearchAgentCode, CheckPython27,
        LintPlexLoader, PreviewPatch, ApplyPatch, RollbackFix, ListBackups, PlexStatus, PlexFindItems, PlexRefreshItems,
        RestartPlex, CompareMetrics, ReadLessons, GetLoopState, ReadReport, FetchPage, TestXPath, PreflightFix,
    ];

    /// <summary>The tools that change something outside the work folder: refused unless the caller allows writes.</summary>
    public static IReadOnlySet<string> Writers { get; } = new HashSet<string>(StringComparer.Ordinal) { ApplyPatch, RollbackFix, RestartPlex, PlexRefreshItems };
}
