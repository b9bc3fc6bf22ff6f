namespace PlexImprove.Cli.Hosting.Install;

/// <summary>A file plex-improve may read, and the place it belongs to (for <c>doctor</c>).</summary>
public sealed record LayoutFile(string Path, LayoutOrigin Origin)
{
    public bool Exists => File.Exists(Path);
}
