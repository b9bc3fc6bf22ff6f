namespace PlexImprove.Core.Tests.TestSupport;

/// <summary>Finds the repository root (the folder holding PlexImproveAgent.sln) from the test binaries.</summary>
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
}
