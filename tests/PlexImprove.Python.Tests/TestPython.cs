using PlexImprove.Python.Runtime;

namespace PlexImprove.Python.Tests;

/// <summary>The project-local Python 2.7 (<c>.tools/python2.7</c>, provisioned by <c>scripts/setup-python27.sh</c>).</summary>
internal static class TestPython
{
    private static readonly Lazy<Task<Python27Runtime>> s_runtime = new(() => new Python27Locator(Options()).LocateAsync());

    /// <summary>The folder holding PlexImproveAgent.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static Task<Python27Runtime> RuntimeAsync() => s_runtime.Value;

    /// <summary>Discovery narrowed to the project-local interpreter, so tests never depend on this machine's PATH.</summary>
    public static Python27LocatorOptions Options() => new()
    {
        ProjectRoot = RepositoryRoot,
        SearchPath = "",
        ScriptHosts = [],
    };

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PlexImproveAgent.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("PlexImproveAgent.sln was not found above the test folder.");
    }
}
