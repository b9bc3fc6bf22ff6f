using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PlexImprove.Cli.Commands;
using PlexImprove.Bench.Plex;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>The Plex commands run as real processes, against a loopback stand-in or nothing at all.</summary>
public sealed class PlexCommandsTests
{
    private const string Token = FakePlexServer.Token;

    private static Task<CliResult> Run(TempDirectory home, string url, params string[] args) =>
        CliRunner.RunAsync(home.Path, new Dictionary<string, string>
        {
            ["PLEX_TOKEN"] = Token,
            ["PLEXIMPROVE__Plex__Url"] = url,
            ["PLEXIMPROVE__Plex__Retries"] = "1",
            ["PLEXIMPROVE__Test__PollIntervalMilliseconds"] = "50",
            ["PLEXIMPROVE__Test__ItemTimeoutSeconds"] = "10",
        }, args);

    private static async Task<FakePlexServer> StartServerAsync(params string[] ratingKeys)
    {
        var server = await FakePlexServer.StartAsync();
        server.RefreshDuration = TimeSpan.FromMilliseconds(20);
        foreach (var key in ratingKeys)
        {
            server.AddItem(key);
        }

        return server;
    }

    [Fact]
    public async Task Refresh_Wait_Json_ReportsEachItem_AndNeverPrintsTheToken()
    {
        await using var server = await StartServerAsync("11", "12");
        using var home = new TempDirectory();

        var result = await Run(home, server.Url.ToString(), "refresh", "--item", "11", "12", "--wait", "--force", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["completed", "completed"], items.Select(i => i.GetProperty("refresh").GetProperty("status").GetString()));
        Assert.Equal(["finished", "finished"], items.Select(i => i.GetProperty("outcome").GetString()));
        Assert.Equal("webSocket", json.RootElement.GetProperty("completionMode").GetString());
        Assert.DoesNotContain(Token, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(home.File("work/plex_client_identifier")));
    }

    [Fact]
    public async Task Refresh_UnknownRatingKey_IsListed_TheRestRefreshed_ExitTwo()
    {
        await using var server = await StartServerAsync("11");
        using var home = new TempDirectory();

        var result = await Run(home, server.Url.ToString(), "refresh", "--item", "11", "--item", "404", "--wait");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("11  finished", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("404  not found", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlexStatus_ServerDown_ExitsTwo_NamingTheUrl()
    {
        string url = $"http://127.0.0.1:{UnusedPort()}/";
        using var home = new TempDirectory();

        var result = await Run(home, "http://127.0.0.1:32400", "plex", "status", "--url", url);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(url, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_Manual_WithNobodyToAsk_ExitsThree_WithTheManualStep()
    {
        using var home = new TempDirectory();

        var result = await Run(home, "http://127.0.0.1:32400", "restart", "--method", "manual", "--logs", home.Path);

        Assert.Equal(ExitCodes.NeedsUser, result.ExitCode);
        Assert.Contains("restarted by hand", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UnsafeFixId_ExitsTwo()
    {
        using var home = new TempDirectory();

        var result = await Run(home, "http://127.0.0.1:32400", "test", "--fix-id", "../x", "--agent", "a", "--baseline", "none.json");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("Fix id", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_MissingBaseline_ExitsTwo_SayingHowToMakeOne()
    {
        using var home = new TempDirectory();

        var result = await Run(home, "http://127.0.0.1:32400", "test", "--fix-id", "fix-1", "--agent", "a", "--baseline", home.File("missing.json"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("aggregate --json", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void IterationDir_DefaultsToTheLatestIteration()
    {
        string work = Path.Combine(Path.GetTempPath(), "pi-iter-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(work, "iteration_2"));
            Directory.CreateDirectory(Path.Combine(work, "iteration_10"));

            Assert.Equal(Path.Combine(work, "iteration_10"), TestCommand.IterationDir(work, null));
            Assert.Equal(Path.Combine(work, "iteration_3"), TestCommand.IterationDir(work, 3));
            Assert.Equal(Path.Combine(work + "-none", "iteration_1"), TestCommand.IterationDir(work + "-none", null));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
