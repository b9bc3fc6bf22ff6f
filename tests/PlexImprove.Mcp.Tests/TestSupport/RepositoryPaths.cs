namespace PlexImprove.Mcp.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding PlexImproveAgent.sln) and the built CLI from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlexImproveAgent.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlexImproveAgent.sln not found above " + AppContext.BaseDirectory);
    }

    public static string SampleLogs() => Path.Combine(Root(), "samples", "plugin-logs");

    /// <summary>The CLI built beside the tests.</summary>
    public static string CliDll() => Path.Combine(AppContext.BaseDirectory, "plex-improve.dll");
}
