namespace PlexImprove.Cli.Hosting.Install;

/// <summary>One file or folder plex-improve reads, where it is, where it came from and what was found there (a line of <c>doctor</c>).</summary>
/// <param name="Name">What it is: <c>settings</c>, <c>secrets</c>, <c>prompts</c>, …</param>
/// <param name="Path">The full path.</param>
/// <param name="Origin">How a person reads its place: "your config folder", "the program's folder", …</param>
/// <param name="State">What was found: "loaded", "not present", "6 prompt(s)", …</param>
/// <param name="Found">Whether it exists.</param>
public sealed record LayoutEntry(string Name, string Path, string Origin, string State, bool Found);
