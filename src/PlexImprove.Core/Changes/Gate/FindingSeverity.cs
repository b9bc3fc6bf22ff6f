namespace PlexImprove.Core.Changes.Gate;

/// <summary>How bad a gate finding is, in the words the JSON and the CLI use.</summary>
public static class FindingSeverity
{
    /// <summary>Plex refuses to compile the file: the bundle does not load at all.</summary>
    public const string Load = "load";

    /// <summary>The file loads; the line fails when it runs (at module level that still stops the load).</summary>
    public const string Runtime = "runtime";
}
