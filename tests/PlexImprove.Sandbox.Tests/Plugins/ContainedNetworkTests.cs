using PlexImprove.Sandbox.Tests.Support;

namespace PlexImprove.Sandbox.Tests.Plugins;

/// <summary>Agent code's own connections (urllib2, sockets) reach only the scenario's sites and the emulator.</summary>
public sealed class ContainedNetworkTests
{
    [Fact]
    public async Task DirectConnections_ReachTheSitesAndTheServerAt32400_AndAnythingElseIsRefusedAndLogged()
    {
        var code = TestScenario.HealthyAgent
            .Replace("import re\n", "import re\nimport socket\nimport urllib2\n", StringComparison.Ordinal)
            .Replace("        title = re.sub(r'^\\(.*?\\) - ', '', media.name)\n", """
                    title = re.sub(r'^\(.*?\) - ', '', media.name)
                    body = urllib2.urlopen('http://www.testsite.example/search?q=Film%201').read()
                    Log.Info('site answered %s', 'Film 1' in body)
                    identity = urllib2.urlopen('http://127.0.0.1:32400/identity').read()
                    Log.Info('server answered %s', 'machineIdentifier' in identity)
                    try:
                        urllib2.urlopen('http://www.example.org/', timeout=5)
                        Log.Info('outside reached')
                    except Exception as e:
                        Log.Info('outside failed: %s', e)
                    try:
                        connection = socket.create_connection(('93.184.216.34', 80), 5)
                        Log.Info('raw socket reached')
                    except Exception as e:
                        Log.Info('raw socket failed: %s', e)

            """, StringComparison.Ordinal);
        Assert.Contains("urlopen", code, StringComparison.Ordinal);
        using var scenario = new TestScenario(code, items: 1);
        await using var run = await SandboxRun.StartAsync(scenario.Root);

        await run.RefreshAsync("1");

        var records = FrameworkLog.Records(run.ReadLog(TestScenario.Identifier));
        Assert.Contains(records, r => r.Message == "site answered True");
        Assert.Contains(records, r => r.Message == "server answered True");
        Assert.Contains(records, r => r.Message.StartsWith("outside failed: ", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.StartsWith("raw socket failed: ", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Message is "outside reached" or "raw socket reached");
        Assert.Contains(records, r => r.Level == "ERROR" && r.Message.StartsWith("Network access to 'www.example.org:80' refused by the sandbox", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Level == "ERROR" && r.Message.StartsWith("Network access to '93.184.216.34:80' refused by the sandbox", StringComparison.Ordinal));
    }
}
