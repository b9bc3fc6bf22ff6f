using PlexImprove.Core.Changes;
using PlexImprove.Core.Changes.Backups;
using PlexImprove.Core.Errors;
using PlexImprove.Plex.Restart;

namespace PlexImprove.Plex.Tests.Restart;

public sealed class ChangedPluginRestartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pleximprove-restart-plan-").FullName;

    private string Plugins => Path.Combine(_folder, "Plug-ins");

    private string Logs => Path.Combine(_folder, "Logs");

    private WorkFolder Work => new(Path.Combine(_folder, "work"));

    public ChangedPluginRestartTests()
    {
        Bundle("GEVI.bundle", "com.plexapp.agents.GEVI");
        Bundle("AEBN.bundle", "com.plexapp.agents.AEBN");
        Directory.CreateDirectory(Logs);
        File.WriteAllText(Path.Combine(Logs, "com.plexapp.agents.Other.log"), "");
        File.WriteAllText(Path.Combine(Logs, "com.plexapp.system.log"), "");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Bundle(string folder, string identifier)
    {
        var contents = Directory.CreateDirectory(Path.Combine(Plugins, folder, "Contents", "Code")).Parent!.FullName;
        File.WriteAllText(Path.Combine(contents, "Info.plist"),
            $"<plist version=\"1.0\"><dict>\n\t<key>CFBundleIdentifier</key>\n\t<string>{identifier}</string>\n</dict></plist>\n");
        File.WriteAllText(Path.Combine(contents, "Code", "__init__.py"), "x = 1\n");
    }

    private void Fix(string fixId, DateTimeOffset at, params string[] files) =>
        new BackupStore(Work).Create(1, fixId, Plugins, at,
        [
            .. files.Select(f => (new BackupManifestEntry { Path = f, Size = 6, Sha256Before = "a", Sha256After = "b" }, "x = 1\n"u8.ToArray())),
        ]);

    private RestartRequest Request(RestartMethod method, params string[] plugins) => new() { Method = method, Plugins = plugins, LogsDir = Logs };

    [Fact]
    public void KnownPlugins_AreTheBundlesAndTheAgentLogs()
    {
        var known = ChangedPluginRestart.KnownPlugins(Plugins, Logs);

        Assert.Equal(["com.plexapp.agents.AEBN", "com.plexapp.agents.GEVI", "com.plexapp.agents.Other"], known);
    }

    [Fact]
    public void Plan_UnknownPlugin_IsBadInputNamingTheKnownOnes()
    {
        var error = Assert.Throws<InvalidInputException>(() => ChangedPluginRestart.Plan(Request(RestartMethod.Auto, "com.plexapp.agents.NoSuch"), Plugins, Work));

        Assert.Equal(FailureKind.BadInput, error.Kind);
        Assert.Contains("'com.plexapp.agents.NoSuch'", error.Message, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.AEBN, com.plexapp.agents.GEVI, com.plexapp.agents.Other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoPluginNamed_TakesThePluginsTheLastFixChanged()
    {
        Fix("older", new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), "AEBN.bundle/Contents/Code/__init__.py");
        Fix("newer", new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero), "GEVI.bundle/Contents/Code/__init__.py");

        var plan = ChangedPluginRestart.Plan(Request(RestartMethod.Auto), Plugins, Work);

        Assert.Equal("newer", plan.FromFix);
        Assert.Equal(["com.plexapp.agents.GEVI"], plan.Request.Plugins);
    }

    [Fact]
    public void Plan_PluginMethodWithoutPluginOrFix_IsBadInputSayingWhichToName()
    {
        var error = Assert.Throws<InvalidInputException>(() => ChangedPluginRestart.Plan(Request(RestartMethod.Plugin), Plugins, Work));

        Assert.Contains("--plugin", error.Message, StringComparison.Ordinal);
        Assert.Contains("com.plexapp.agents.GEVI", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NamedKnownPlugin_IsKeptAsIs()
    {
        Fix("newer", new DateTimeOffset(2026, 3, 1, 11, 0, 0, TimeSpan.Zero), "GEVI.bundle/Contents/Code/__init__.py");

        var plan = ChangedPluginRestart.Plan(Request(RestartMethod.Auto, "com.plexapp.agents.AEBN"), Plugins, Work);

        Assert.Null(plan.FromFix);
        Assert.Equal(["com.plexapp.agents.AEBN"], plan.Request.Plugins);
    }
}
