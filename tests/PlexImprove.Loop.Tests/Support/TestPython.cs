using PlexImprove.Python.Runtime;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>The project-local Python 2.7 (<c>.tools/python2.7</c>, provisioned by <c>scripts/setup-python27.sh</c>).</summary>
internal static class TestPython
{
    private static readonly Lazy<Task<Python27Runtime>> Runtime = new(() => new Python27Locator(new Python27LocatorOptions
    {
        // Narrowed to the project-local interpreter, so tests never depend on this machine's PATH.
        ProjectRoot = RepositoryRoot(),
        SearchPath = "",
        ScriptHosts = [],
    }).LocateAsync());

    public static Task<Python27Runtime> RuntimeAsync() => Runtime.Value;

    private static string RepositoryRoot()
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
