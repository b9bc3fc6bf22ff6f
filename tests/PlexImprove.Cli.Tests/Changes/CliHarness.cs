using System.CommandLine;
using System.Text.Json;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

/// <summary>Runs plex-improve commands in process against temporary folders, with the project-local Python 2.7.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Folder = Directory.CreateTempSubdirectory("pleximprove-cli-").FullName;
        Plugins = Directory.CreateDirectory(Path.Combine(Folder, "Plug-ins")).FullName;
        Work = Path.Combine(Folder, "work");
    }

    public string Folder { get; }

    public string Plugins { get; }

    public string Work { get; }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Plugins, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string WritePatch(string text)
    {
        var path = Path.Combine(Folder, $"patch-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, text);
        return path;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Plugins, relative));

    /// <summary>Parses and invokes like Program.cs does, capturing stdout and stderr.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var home = Path.Combine(RepositoryPaths.Root(), ".tools", "python2.7", "usr");
        var context = new CliContext
        {
            Settings = new AppSettings
            {
                Python27 = new Python27Settings { Path = Path.Combine(home, "bin", "python2.7"), Home = home },
                Plex = new PlexSettings { PluginsDir = Plugins },
                Run = new RunSettings { WorkDir = Work },
            },
            Secrets = new Secrets(new Dictionary<string, string>()),
            HomeDir = RepositoryPaths.Root(),
            Out = output,
            Error = error,
        };
        var root = new RootCommand("test");
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return new CliRun(ExitCodes.BadInput, "", string.Join("\n", parseResult.Errors.Select(e => e.Message)));
        }

        var code = await parseResult.InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>A finished command: exit code, stdout, stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;
}
