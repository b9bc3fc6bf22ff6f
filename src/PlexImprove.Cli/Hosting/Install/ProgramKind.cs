namespace PlexImprove.Cli.Hosting.Install;

/// <summary>The ways plex-improve is started.</summary>
public enum ProgramKind
{
    /// <summary>The repository's <c>./plex-improve</c> launcher.</summary>
    Launcher,

    /// <summary>A release archive's single-file program.</summary>
    Binary,

    /// <summary>The <c>dotnet tool</c> package's <c>plex-improve</c> command.</summary>
    DotnetTool,

    /// <summary><c>dotnet plex-improve.dll</c>, as tests and benchmarks start it.</summary>
    Assembly,
}
