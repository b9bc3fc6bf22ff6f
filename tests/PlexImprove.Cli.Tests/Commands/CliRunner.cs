using System.CommandLine;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>Runs CLI commands in-process with captured output and an explicit token.</summary>
internal sealed class CliRunner : IDisposable
{
    public const string Token = "cli-secret-token-5d1e77";

    public CliRunner(string url)
    {
        WorkDir = Path.Combine(Path.GetTempPath(), "pi-cli-" + Guid.NewGuid().ToString("N"));
        Context = new CliContext
        {
            Settings = new AppSettings
            {
                Plex = new PlexSettings { Url = url, Retries = 1, RequestTimeoutSeconds = 5 },
                Run = new RunSettings { WorkDir = WorkDir },
                Test = new TestSettings { ItemTimeoutSeconds = 10, PollIntervalMilliseconds = 50 },
            },
            Secrets = new Secrets(new Dictionary<string, string> { ["PLEX_TOKEN"] = Token }),
            HomeDir = WorkDir,
            Out = Out,
            Error = Error,
        };
    }

    public string WorkDir { get; }
    public StringWriter Out { get; } = new();
    public StringWriter Error { get; } = new();
    public CliContext Context { get; }

    public async Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in CommandCatalog.Create(Context))
        {
            root.Subcommands.Add(command);
        }

        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        return await parse.InvokeAsync();
    }

    public void Dispose()
    {
        if (Directory.Exists(WorkDir))
        {
            Directory.Delete(WorkDir, recursive: true);
        }
    }
}
