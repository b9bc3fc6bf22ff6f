using System.Net;
using System.Net.Sockets;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>A server that accepts connections but never answers: each retry is announced on stderr with --progress, and nothing is printed on a pipe without it.</summary>
public sealed class RetryProgressTests
{
    private static Task<CliResult> Run(TempDirectory home, string url, params string[] args) =>
        CliRunner.RunAsync(home.Path, new Dictionary<string, string>
        {
            ["PLEX_TOKEN"] = "retry-token-77aa",
            ["PLEXIMPROVE__Plex__Url"] = url,
            ["PLEXIMPROVE__Plex__Retries"] = "2",
            ["PLEXIMPROVE__Plex__RequestTimeoutSeconds"] = "1",
        }, args);

    [Fact]
    public async Task SilentServer_WithProgress_AnnouncesEachRetry_AndWithoutItOnAPipe_PrintsOnlyTheError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<TcpClient>();
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                held.Add(await listener.AcceptTcpClientAsync(stop.Token));
            }
        }, TestContext.Current.CancellationToken);
        string url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        using var home = new TempDirectory();

        var shown = await Run(home, url, "plex", "status", "--progress");
        var piped = await Run(home, url, "plex", "status");
        await stop.CancelAsync();
        held.ForEach(c => c.Dispose());

        Assert.NotEqual(0, shown.ExitCode);
        Assert.Contains("Plex did not answer in 1 s — retry 1 of 2", shown.Stderr, StringComparison.Ordinal);
        Assert.Contains("retry 2 of 2", shown.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, piped.ExitCode);
        Assert.DoesNotContain("retry 1 of 2", piped.Stderr, StringComparison.Ordinal);
        Assert.Contains(url, piped.Stderr, StringComparison.Ordinal);
    }
}
