using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Testing;
using Xunit;

namespace PlexImprove.Cli.Tests.Install;

public sealed class InstallLayoutTests
{
    private static InstallLayout Installed(TempDirectory root) => new()
    {
        HomeDir = root.File("program"),
        Installed = true,
        ConfigDir = root.File("config"),
        CurrentDir = root.File("here"),
        ToolsRoot = root.File("data"),
    };

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Load_Installed_UserConfigFolderSettingsWinOverTheShippedOnes()
    {
        using var root = new TempDirectory();
        var layout = Installed(root);
        Write(Path.Combine(layout.HomeDir, "appsettings.json"), """{ "Plex": { "Url": "http://shipped:32400" }, "Test": { "FailedItems": 7 } }""");
        Write(Path.Combine(layout.ConfigDir!, "appsettings.json"), """{ "Plex": { "Url": "http://mine:32400" } }""");

        var context = CliContext.Load(layout);

        Assert.Equal("http://mine:32400", context.Settings.Plex.Url);
        Assert.Equal(7, context.Settings.Test.FailedItems);
        Assert.Equal(layout.HomeDir, context.HomeDir);
    }

    [Fact]
    public void Load_Installed_CurrentFolderEnvWinsOverTheConfigFolderOne()
    {
        using var root = new TempDirectory();
        var layout = Installed(root);
        Write(Path.Combine(layout.ConfigDir!, ".env"), "PLEX_TOKEN=from-config\nOPENAI_API_KEY=key-from-config\n");
        Write(Path.Combine(layout.CurrentDir, ".env"), "PLEX_TOKEN=from-here\n");

        var context = CliContext.Load(layout);

        Assert.Equal("from-here", context.Secrets.PlexToken);
        Assert.Equal("key-from-config", context.Secrets.OpenAiApiKey);
    }

    [Fact]
    public void SecretFiles_Repository_OnlyTheRepositoryEnvFile()
    {
        using var root = new TempDirectory();

        var files = InstallLayout.ForRepository(root.Path, root.File("elsewhere")).SecretFiles();

        var only = Assert.Single(files);
        Assert.Equal(Path.Combine(root.Path, ".env"), only.Path);
        Assert.Equal(LayoutOrigin.Repository, only.Origin);
    }

    [Fact]
    public void Entries_Installed_SayWhereEachFileCameFrom()
    {
        using var root = new TempDirectory();
        var layout = Installed(root);
        Write(Path.Combine(layout.HomeDir, "prompts", "phase2_diagnosis.md"), "x");
        Write(Path.Combine(layout.ConfigDir!, "appsettings.json"), "{}");
        var context = CliContext.Load(layout);

        var entries = LayoutReport.Entries(context);

        Assert.Contains(entries, e => e.Name == "settings" && e.Path == Path.Combine(layout.ConfigDir!, "appsettings.json") && e.State == "loaded" && e.Origin == "your config folder");
        Assert.Contains(entries, e => e.Name == "secrets" && e.Path == Path.Combine(layout.CurrentDir, ".env") && e.State == "not present" && e.Origin == "the current folder");
        Assert.Contains(entries, e => e.Name == "prompts" && e.State == "1 prompt(s)" && e.Origin == "Agent:PromptsDir, relative to the program's folder");
        Assert.Contains(entries, e => e.Name == "python tools" && e.Path == Path.Combine(layout.ToolsRoot, ".tools", "python2.7") && e.Origin == "your data folder");
    }
}
