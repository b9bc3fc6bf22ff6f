using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task SandboxUpJson_PrintsOneConnectionLine_ServesUntilCancelled_ThenExitsZero()
    {
        var (context, output, _) = CreateContext();
        var dir = Path.Combine(Path.GetTempPath(), "cli-sandbox-" + Guid.NewGuid().ToString("N")[..8]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        try
        {
            var run = Parse(context, "sandbox", "up", "--port", "0", "--json", "--dir", dir).InvokeAsync(cancellationToken: stop.Token);
            var line = await FirstLineAsync(output, run);
            using var json = JsonDocument.Parse(line);
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("X-Plex-Token", json.RootElement.GetProperty("token").GetString());
            using var sections = await http.GetAsync(json.RootElement.GetProperty("url").GetString() + "/library/sections", TestContext.Current.CancellationToken);
            await stop.CancelAsync();
            var exitCode = await run;

            Assert.Equal(HttpStatusCode.OK, sections.StatusCode);
            Assert.Equal(Path.GetFullPath(dir), json.RootElement.GetProperty("dir").GetString());
            Assert.Equal(Path.Combine(Path.GetFullPath(dir), "Logs", "PMS Plugin Logs"), json.RootElement.GetProperty("logsDir").GetString());
            Assert.Equal(Path.Combine(Path.GetFullPath(dir), "Plug-ins"), json.RootElement.GetProperty("pluginsDir").GetString());
            Assert.Equal(ExitCodes.Ok, exitCode);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task SandboxUpJson_NamesTheProviderOfEachSectionTheBoxServesItself_WhichAnswersItsMediaProvider()
    {
        var (context, output, _) = CreateContext();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = Parse(context, "sandbox", "up", "--port", "0", "--json", "--scenario", "provided").InvokeAsync(cancellationToken: stop.Token);
        var line = await FirstLineAsync(output, run);
        using var json = JsonDocument.Parse(line);
        var providers = json.RootElement.GetProperty("providers");
        using var http = new HttpClient();
        var root = await http.GetStringAsync(providers.GetProperty("1").GetString(), TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exitCode = await run;
        Directory.Delete(json.RootElement.GetProperty("dir").GetString()!, recursive: true);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/festivaldb$", providers.GetProperty("1").GetString());
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/silentera$", providers.GetProperty("2").GetString());
        Assert.Contains("\"identifier\":\"tv.plex.agents.custom.festivaldb\"", root, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxUpPlugins_BuildsOneSectionPerAgent_FromTheLogsSessions_AndWritesTheEnvFile()
    {
        var (context, output, _) = CreateContext();
        using var home = new TempDirectory();
        var code = Path.Combine(home.Path, "Plug-ins", "Mine.bundle", "Contents", "Code");
        Directory.CreateDirectory(code);
        File.WriteAllText(Path.Combine(home.Path, "Plug-ins", "Mine.bundle", "Contents", "Info.plist"),
            "<plist><dict><key>CFBundleIdentifier</key><string>com.plexapp.agents.mine</string></dict></plist>");
        File.WriteAllText(Path.Combine(code, "__init__.py"), "class Mine(Agent.Movies):\n    name = 'Mine'\n    def search(self, results, media, lang):\n        pass\n    def update(self, metadata, media, lang):\n        pass\n");
        Directory.CreateDirectory(home.File("logs"));
        File.WriteAllText(home.File("logs/com.plexapp.agents.mine.log"),
            "2026-02-05 14:00:00,000 (7f3a2c1fe700) :  DEBUG (agentkit:961) - Searching for matches for {'openSubtitlesHash': None, 'name': 'Old Film', 'year': 1999, 'filename': '%2Fmedia%2FOld%20Film%20%281999%29.mp4', 'duration': None, 'id': '7'}\n");
        var envFile = home.File("box.env");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = Parse(context, "sandbox", "up", "--port", "0", "--json", "--plugins", home.File("Plug-ins"), "--logs", home.File("logs"), "--env-file", envFile)
            .InvokeAsync(cancellationToken: stop.Token);
        var line = await FirstLineAsync(output, run);
        using var json = JsonDocument.Parse(line);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Plex-Token", json.RootElement.GetProperty("token").GetString());
        http.DefaultRequestHeaders.Add("Accept", "application/json");
        var url = json.RootElement.GetProperty("url").GetString();
        var sections = await http.GetStringAsync(url + "/library/sections", TestContext.Current.CancellationToken);
        var items = await http.GetStringAsync(url + "/library/sections/1/all", TestContext.Current.CancellationToken);
        var sites = await http.GetStringAsync(url + "/:/plexbox/sites", TestContext.Current.CancellationToken);
        var env = await File.ReadAllLinesAsync(envFile, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var exitCode = await run;
        Directory.Delete(json.RootElement.GetProperty("dir").GetString()!, recursive: true);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("com.plexapp.agents.mine", sections, StringComparison.Ordinal);
        Assert.Contains("Old Film", items, StringComparison.Ordinal);
        Assert.Equal("{\"network\":\"fake\",\"sites\":{}}", sites);
        Assert.Equal(EnvFile.Header, env[0]);
        Assert.Contains($"export PLEXIMPROVE__Plex__Url='{url}'", env);
        Assert.Contains($"export PLEX_TOKEN='{json.RootElement.GetProperty("token").GetString()}'", env);
    }

    [Fact]
    public async Task SandboxUp_DemoScenario_PublishesItsSitesMap_AndAnExportLine()
    {
        var (context, output, _) = CreateContext();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var run = Parse(context, "sandbox", "up", "--port", "0").InvokeAsync(cancellationToken: stop.Token);
        var first = await FirstLineAsync(output, run);
        await Eventually.TrueAsync(() => output.ToString().Contains("Press Ctrl+C", StringComparison.Ordinal), "sandbox up printed 'Press Ctrl+C' once the box was up");

        var text = output.ToString();
        await stop.CancelAsync();
        await run;
        var dir = text.Split('\n').Single(l => l.TrimStart().StartsWith("dir ", StringComparison.Ordinal)).Trim()[3..].Trim();
        Directory.Delete(dir, recursive: true);

        Assert.StartsWith("Plex in a box is running", first, StringComparison.Ordinal);
        Assert.Matches(@"sites +\S+ -> http://127\.0\.0\.1:\d+", text);
        Assert.Matches(@"export PLEXIMPROVE__Plex__Url='http://127\.0\.0\.1:\d+' PLEX_TOKEN='[0-9a-f]+' ", text);
    }

    [Theory]
    [InlineData("--network", "cloud")]
    [InlineData("--logs", "/tmp")]
    public async Task SandboxUp_BadOptions_ExitTwo(string option, string value)
    {
        var (context, _, error) = CreateContext();

        var exitCode = await Parse(context, "sandbox", "up", "--port", "0", option, value).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public async Task SandboxUp_NeverOverwritesAFileItDidNotWrite()
    {
        var (context, _, error) = CreateContext();
        using var home = new TempDirectory();
        File.WriteAllText(home.File(".env"), "PLEX_TOKEN=real-token\n");

        var exitCode = await Parse(context, "sandbox", "up", "--port", "0", "--env-file", home.File(".env")).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("was not written by 'sandbox up'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("PLEX_TOKEN=real-token\n", File.ReadAllText(home.File(".env")));
    }

    [Fact]
    public async Task SandboxUp_OnAPortInUse_ExitsTwoSayingSo()
    {
        var (context, _, error) = CreateContext();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var exitCode = await Parse(context, "sandbox", "up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"Port {port} on 127.0.0.1 is already in use", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxUp_WithAMissingPython_ExitsTwoWithGuidance()
    {
        using var home = new TempDirectory();

        // A home without .tools/, an empty PATH and a configured path that does not exist: no Python 2.7 anywhere.
        var result = await CliRunner.RunAsync(home.Path, new Dictionary<string, string>
        {
            ["PATH"] = "",
            ["PLEXIMPROVE__Python27__Path"] = "/nonexistent/python2.7",
        }, "sandbox", "up", "--port", "0");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("Python27:Path", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("scripts/setup-python27.sh", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(home.Path));
    }

    [Fact]
    public async Task SandboxList_ShowsEveryScenario_WithTheDescriptionsInOneColumn()
    {
        var (context, output, _) = CreateContext();

        var exitCode = await Parse(context, "sandbox", "list").InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Ok, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("demo ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("world-cinema ", StringComparison.Ordinal));
        // The longest name is followed by two spaces, and every description starts in the same column.
        int column = lines.Max(l => l.IndexOf(' ', StringComparison.Ordinal)) + 2;
        Assert.All(lines, l => Assert.True(l[column - 1] == ' ' && l[column] != ' ', l));
    }

    private static ParseResult Parse(CliContext context, params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args);
    }

    private static (CliContext Context, SyncWriter Output, SyncWriter Error) CreateContext()
    {
        var output = new SyncWriter();
        var error = new SyncWriter();
        var context = new CliContext
        {
            Settings = new AppSettings(),
            Secrets = new Secrets(new Dictionary<string, string>()),
            HomeDir = RepositoryPaths.Root(),
            Out = output,
            Error = error,
        };
        return (context, output, error);
    }

    private static async Task<string> FirstLineAsync(SyncWriter output, Task<int> run)
    {
        await Eventually.TrueAsync(
            () => output.ToString().Contains('\n', StringComparison.Ordinal) || run.IsCompleted, "sandbox up printed its first line");
        Assert.False(!output.ToString().Contains('\n', StringComparison.Ordinal) && run.IsCompleted, $"sandbox up ended early with exit code {(run.IsCompleted ? run.Result : 0)}");

        return output.ToString().Split('\n')[0];
    }

    /// <summary>A StringWriter safe to read while the command writes from another thread.</summary>
    private sealed class SyncWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            WriteLine(value);
            return Task.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }
}
