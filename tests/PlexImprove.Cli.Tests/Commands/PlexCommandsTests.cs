using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using PlexImprove.Cli.Commands;
using PlexImprove.Cli.Commands.Bench;
using PlexImprove.Cli.Hosting;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

public sealed class PlexCommandsTests
{
    [Fact]
    public async Task Refresh_Wait_Json_ReportsEachItem_AndNeverPrintsTheToken()
    {
        await using var server = await RefreshBenchServer.StartAsync(["11", "12"], _ => TimeSpan.FromMilliseconds(20));
        using var cli = new CliRunner(server.Url.ToString());

        int code = await cli.RunAsync("refresh", "--item", "11", "12", "--wait", "--force", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(cli.Out.ToString());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["completed", "completed"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Equal("webSocket", json.RootElement.GetProperty("completionMode").GetString());
        Assert.DoesNotContain(CliRunner.Token, cli.Out.ToString() + cli.Error.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(cli.WorkDir, "plex_client_identifier")));
    }

    [Fact]
    public async Task Refresh_UnknownRatingKey_IsListed_TheRestRefreshed_ExitTwo()
    {
        await using var server = await RefreshBenchServer.StartAsync(["11"], _ => TimeSpan.FromMilliseconds(20));
        using var cli = new CliRunner(server.Url.ToString());

        int code = await cli.RunAsync("refresh", "--item", "11", "--item", "404", "--wait");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("11  Completed", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("404  NotFound", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlexStatus_ServerDown_ExitsTwo_NamingTheUrl()
    {
        string url = $"http://127.0.0.1:{UnusedPort()}/";
        using var cli = new CliRunner(url);

        int code = await cli.RunAsync("plex", "status");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(url, cli.Error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(CliRunner.Token, cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_Manual_WithNobodyToAsk_ExitsThree_WithTheManualStep()
    {
        using var cli = new CliRunner("http://127.0.0.1:32400");
        Assert.SkipUnless(Console.IsInputRedirected || Console.IsErrorRedirected, "Needs a non-interactive console.");

        int code = await cli.RunAsync("restart", "--method", "manual", "--logs", cli.WorkDir);

        Assert.Equal(ExitCodes.NeedsUser, code);
        Assert.Contains("restarted by hand", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UnsafeFixId_ExitsTwo()
    {
        using var cli = new CliRunner("http://127.0.0.1:32400");

        int code = await cli.RunAsync("test", "--fix-id", "../x", "--agent", "a", "--baseline", "none.json");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Fix id", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_MissingBaseline_ExitsTwo_SayingHowToMakeOne()
    {
        using var cli = new CliRunner("http://127.0.0.1:32400");

        int code = await cli.RunAsync("test", "--fix-id", "fix-1", "--agent", "a", "--baseline", Path.Combine(cli.WorkDir, "missing.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("aggregate --json", cli.Error.ToString(), StringComparison.Ordinal);
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
