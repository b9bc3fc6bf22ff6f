using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Tests.Changes;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary><c>provide</c> refuses what it cannot serve safely before it listens: exit 2 and the reason.</summary>
public sealed class ProvideCommandTests
{
    [Fact]
    public async Task ListeningBeyondLoopbackWithoutAToken_ExitsWithBadInput()
    {
        using var cli = new CliHarness();
        cli.Write("Mine.bundle/Contents/Info.plist", "<plist><dict><key>CFBundleIdentifier</key><string>com.plexapp.agents.mine</string></dict></plist>");

        var run = await cli.RunAsync("provide", "--listen", "0.0.0.0", "--port", "0", "--logs", Path.Combine(cli.Folder, "logs"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("set a token (--token-file FILE or PLEX_IMPROVE_PROVIDER_TOKEN)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APluginsFolderWithoutBundles_ExitsWithBadInput()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("provide", "--port", "0", "--logs", Path.Combine(cli.Folder, "logs"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("holds no agent bundle", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--port", "70000", "--port 70000 is not a port number")]
    [InlineData("--timeout", "0", "--timeout 0 must be 1-600 seconds")]
    [InlineData("--listen", "plex.local", "--listen 'plex.local' is not an IP address")]
    [InlineData("--network", "open", "--network 'open' is not a network mode")]
    public async Task BadOptions_ExitWithBadInputNamingTheOption(string option, string value, string message)
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("provide", option, value, "--logs", Path.Combine(cli.Folder, "logs"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortTokenFile_ExitsWithBadInput_WithoutShowingTheToken()
    {
        using var cli = new CliHarness();
        cli.Write("Mine.bundle/Contents/Info.plist", "<plist><dict><key>CFBundleIdentifier</key><string>com.plexapp.agents.mine</string></dict></plist>");
        var tokenFile = Path.Combine(cli.Folder, "token");
        File.WriteAllText(tokenFile, "short-token\n");

        var run = await cli.RunAsync("provide", "--port", "0", "--token-file", tokenFile, "--logs", Path.Combine(cli.Folder, "logs"));

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("at least 16 characters", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("short-token", run.Error + run.Out, StringComparison.Ordinal);
    }
}
