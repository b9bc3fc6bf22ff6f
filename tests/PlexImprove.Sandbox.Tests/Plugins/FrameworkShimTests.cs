using System.Diagnostics;
using PlexImprove.Sandbox.Plugins;
using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>Pieces of the Python 2.7 Framework shim, run directly with the real interpreter.</summary>
public sealed class FrameworkShimTests
{
    // The update request of a real PMS log (GayAdultFilms, ratingKey 1).
    private const string RealUpdateArgument = "Y2VyZWFsMQoxCmRpY3QKMTAKczIKZW5zNApsYW5nYjFzNQpmb3JjZWIwczgKcGVyaW9kaWNzMQoxczQKZGJpZGkwCnM3CnZlcnNpb25uczEwCnBhcmVudEdVSURuczgKcGFyZW50SURzNQpNb3ZpZXMxMAptZWRpYV90eXBlczQ0CmNvbS5wbGV4YXBwLmFnZW50cy5HYXlBZHVsdEZpbG1zOi8vMT9sYW5nPWVuczQKZ3VpZHMxCjFzMgppZHIwCg__";

    [Fact]
    public async Task Cerealizer_EncodesAnUpdateRequestByteForByteLikePlex()
    {
        var output = await RunPythonAsync("""
            from plexframework import cerealizer as c
            pairs = [('lang', 'en'), ('force', True), ('periodic', False), ('dbid', '1'), ('version', 0), ('parentGUID', None),
                     ('parentID', None), ('media_type', 'Movie'), ('guid', 'com.plexapp.agents.GayAdultFilms://1?lang=en'), ('id', '1')]
            print(c.plex_b64(c.dumps_dict(pairs)))
            print(c.plex_b64(c.dumps_empty_list()))
            """);

        Assert.Equal([RealUpdateArgument, "Y2VyZWFsMQoxCmxpc3QKMApyMAo_"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<string> RunPythonAsync(string script)
    {
        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var info = python.StartInfo(["-B", "-c", "import sys; sys.path.insert(0, sys.argv[1])\n" + script, Path.GetDirectoryName(PluginHost.DefaultShimPath)!]);
        info.RedirectStandardInput = false;

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, error);
        return output.Replace("\r", "", StringComparison.Ordinal);
    }
}
