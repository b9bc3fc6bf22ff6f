using PlexImprove.Cli.Commands.Bench;
using PlexImprove.Core.Errors;
using PlexImprove.Loop.Benchmarks;
using PlexImprove.Sandbox.Scenarios;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>bench scenarios</c>: which scenarios it runs, and how it prints one.</summary>
public sealed class BenchScenariosCommandTests
{
    [Fact]
    public void Names_NoneAsked_AreEveryScenarioFolderOfTheCatalogue_SoANewOneIsPickedUp()
    {
        using var dir = Catalogue("alpha", "demo");
        Assert.Equal(["alpha", "demo"], BenchScenariosCommand.Names(new ScenarioCatalog(dir.Path), []));

        Scenario(dir, "zeta");
        Assert.Equal(["alpha", "demo", "zeta"], BenchScenariosCommand.Names(new ScenarioCatalog(dir.Path), []));
    }

    [Fact]
    public void Names_Asked_AreRunInTheOrderGivenOnce_AndAnUnknownOneIsRefusedNamingTheCatalogue()
    {
        using var dir = Catalogue("alpha", "demo");
        var catalog = new ScenarioCatalog(dir.Path);

        Assert.Equal(["demo", "alpha"], BenchScenariosCommand.Names(catalog, ["demo", "alpha", "demo"]));
        var e = Assert.Throws<InvalidInputException>(() => BenchScenariosCommand.Names(catalog, ["demo", "nope"]));
        Assert.Equal("Unknown scenario(s): nope; the catalogue holds alpha, demo.", e.Message);
    }

    [Fact]
    public void Render_AMissedScenario_PrintsEachAgentBaselineToFinal_TheRunAndEveryMiss()
    {
        var run = new ScenarioRun
        {
            Scenario = "fixture",
            Agents = [new AgentMatches("com.plexapp.agents.A", 0, 8, 8, 8), new AgentMatches("com.plexapp.agents.B", 1, 9, 5, 9)],
            Iterations = 3,
            ExitCondition = "max_iterations",
            LoopTime = TimeSpan.FromSeconds(61.3),
            TotalTime = TimeSpan.FromSeconds(70),
            WorkDir = "/runs/fixture",
        };

        var text = ScenarioBenchRenderer.Render(run, ScenarioVerdict.Judge(run, ScenarioTarget.Default));

        Assert.Contains("com.plexapp.agents.B                          1/9 (11.1%) ->      5/9 (55.6%)", text, StringComparison.Ordinal);
        Assert.Contains("all                                           1/17 (5.9%) ->    13/17 (76.5%)", text, StringComparison.Ordinal);
        Assert.Contains("iterations 3, exit max_iterations, loop 61.3 s", text, StringComparison.Ordinal);
        Assert.Contains("verdict: MISSED (matched 13/17 (76.5%) < 95%; 3 iterations > 2)", text, StringComparison.Ordinal);
    }

    private static TempDirectory Catalogue(params string[] names)
    {
        var dir = new TempDirectory();
        foreach (var name in names)
        {
            Scenario(dir, name);
        }

        dir.Write("not-a-scenario/readme.txt", "no manifest here");
        return dir;
    }

    /// <summary>The smallest valid scenario folder: one section served by one bundle, no sites.</summary>
    private static void Scenario(TempDirectory dir, string name)
    {
        dir.Write(name + "/scenario.json", $$"""
            { "name": "{{name}}", "description": "d", "sites": [],
              "sections": [ { "id": 1, "title": "Films", "agent": "com.plexapp.agents.Films", "items": [ { "file": "/data/(S) - T (2000).mp4" } ] } ] }
            """);
        dir.Write(name + "/Plug-ins/Films.bundle/Contents/Info.plist", """
            <?xml version="1.0" encoding="UTF-8"?>
            <plist version="1.0"><dict><key>CFBundleIdentifier</key><string>com.plexapp.agents.Films</string></dict></plist>
            """);
    }
}
