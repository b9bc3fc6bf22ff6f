using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Python.Gate;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>The real change engine over the project's Python 2.7 gate.</summary>
internal static class Gate
{
    public static async Task<ChangeEngine> EngineAsync(string pluginsDir, string workDir) =>
        new(new PluginsRoot(pluginsDir), new WorkFolder(workDir), new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken), new Python27CodeGateOptions { MaxProcesses = 1 }), TimeProvider.System);
}
