namespace PlexImprove.Core.Logs;

/// <summary>
/// A plugin log file: <c>&lt;identifier&gt;.log</c> (rotation 0) or one of its rotations
/// <c>.log.1</c> … <c>.log.5</c> (higher is older).
/// </summary>
public sealed record PluginLogFile(string Path, string Name, string Agent, int Rotation, long Bytes);
