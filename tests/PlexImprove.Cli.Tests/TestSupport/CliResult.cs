namespace PlexImprove.Cli.Tests.TestSupport;

/// <summary>What a <c>plex-improve</c> run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
