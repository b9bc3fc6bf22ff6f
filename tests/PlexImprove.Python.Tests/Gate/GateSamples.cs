using System.Text;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Python.Gate;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

/// <summary>Runs the real gate on small sources.</summary>
internal static class GateSamples
{
    public const string InitFile = "Sample.bundle/Contents/Code/__init__.py";
    public const string SiblingFile = "Sample.bundle/Contents/Code/utils.py";
    public const string LibraryFile = "Sample.bundle/Contents/Libraries/Shared/helper.py";

    public static Task<GateFileResult> CheckAsync(string source, GateChecks checks = GateChecks.All) =>
        CheckAsync(source, InitFile, PluginCodePolicy.Standard, checks);

    public static async Task<GateFileResult> CheckAsync(string source, string name, PluginCodePolicy policy, GateChecks checks = GateChecks.All)
    {
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync(TestContext.Current.CancellationToken));
        var results = await gate.CheckAsync([new GateSource(name, Encoding.UTF8.GetBytes(source)) { Policy = policy }], checks, TestContext.Current.CancellationToken);
        return Assert.Single(results);
    }
}
