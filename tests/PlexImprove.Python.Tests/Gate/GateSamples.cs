using System.Text;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Python.Gate;
using Xunit;

namespace PlexImprove.Python.Tests.Gate;

/// <summary>Runs the real gate on small sources.</summary>
internal static class GateSamples
{
    public static async Task<GateFileResult> CheckAsync(string source, GateChecks checks = GateChecks.All)
    {
        var gate = new Python27CodeGate(await TestPython.RuntimeAsync());
        var results = await gate.CheckAsync([new GateSource("Sample.bundle/Contents/Code/__init__.py", Encoding.UTF8.GetBytes(source))], checks, TestContext.Current.CancellationToken);
        return Assert.Single(results);
    }
}
