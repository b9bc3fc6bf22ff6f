namespace PlexImprove.Testing;

/// <summary>Finds the repository root (the folder holding PlexImproveAgent.sln) and its sample data from the test binaries.</summary>
internal static class RepositoryPaths
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
}
