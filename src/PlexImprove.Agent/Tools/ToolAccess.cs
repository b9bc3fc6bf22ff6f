namespace PlexImprove.Agent.Tools;

/// <summary>Whether a tool only reads, or changes agent code or Plex (and so needs the caller's permission).</summary>
public enum ToolAccess
{
    ReadOnly,
    Writer,
}
