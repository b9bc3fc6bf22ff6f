using PlexImprove.Python.Runtime;

namespace PlexImprove.Testing;

/// <summary>The project-local Python 2.7 (<c>.tools/python2.7</c>, provisioned by <c>scripts/setup-python27.sh</c>).</summary>
internal static class TestPython
{
    // Located once per test assembly: discovery starts a process, and every test wants the same interpreter.
    private static readonly Lazy<Task<Python27Runtime>> Located = new(() => new Python27Locator(Options()).LocateAsync());

    public static Task<Python27Runtime> RuntimeAsync(CancellationToken cancellationToken = default) => Located.Value.WaitAsync(cancellationToken);

    /// <summary>Discovery narrowed to the project-local interpreter, so tests never depend on this machine's PATH.</summary>
    public static Python27LocatorOptions Options() => new()
    {
        ProjectRoot = RepositoryPaths.Root(),
        SearchPath = "",
        ScriptHosts = [],
    };
}
