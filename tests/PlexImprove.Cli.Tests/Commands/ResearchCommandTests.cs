using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Cli.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Cli.Tests.Commands;

/// <summary>
/// <c>research list|call</c> against <c>@modelcontextprotocol/server-everything</c> (installed by
/// <c>scripts/setup-research-fixtures.sh</c>; skipped only when npm is absent) and servers that cannot be used.
/// </summary>
public sealed class ResearchCommandTests : IDisposable
{
    private const string Secret = "dotenv-research-secret-0123456789";
    private readonly TempDirectory _home = new();

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task List_ShowsEachServersStateAndTools_AndExitsZeroWhenOneFails()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "list");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("everything (stdio node; phases diagnose, chat; timeout 30 s): connected", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  everything_echo: Echoes back the input string", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ghost (stdio plex-improve-no-such-server; phases diagnose, chat): FAILED — Research server 'ghost'", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Research server 'odd': phase 'phase9' is not known", result.Stdout, StringComparison.Ordinal);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_EchoWithAnArgument_PrintsTheServersResult()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "call", "everything", "echo", "--arg", "message=hello plex");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("Echo: hello plex", result.Stdout.Trim());
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_NumbersAsJsonArguments_AreTypedForTheTool()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "call", "everything", "everything_get_sum", "--arg", "a=2", "--arg", "b=40");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("42", result.Stdout, StringComparison.Ordinal);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_ServerThatCannotBeReached_ExitsTwoNamingIt()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "call", "ghost", "anything");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Research server 'ghost' (command 'plex-improve-no-such-server') could not be reached", result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_ToolThatReturnsAnError_ExitsOne()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "call", "everything", "get-sum", "--arg", "a=oops");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Error from research server 'everything', tool get-sum:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_SecretFromDotEnvInTheServersEnvironment_IsNeverPrinted()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "call", "everything", "get-env");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"RESEARCH_DEMO_KEY\": \"<redacted>\"", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Call_ArgumentWithoutEquals_ExitsTwo()
    {
        await ConfigureAsync();

        var result = await CliRunner.RunAsync(_home.Path, "research", "call", "everything", "echo", "--arg", "message");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--arg 'message' is not NAME=VALUE", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _home.Dispose();

    /// <summary>appsettings.Local.json with server-everything (its secret named, the value in .env), a missing command and an unknown phase.</summary>
    private async Task ConfigureAsync()
    {
        string entry = await EverythingEntryAsync();
        var settings = new
        {
            Research = new
            {
                Servers = new object[]
                {
                    new { Name = "everything", Transport = "stdio", Command = "node", Args = new[] { entry, "stdio" }, SecretEnv = new[] { "RESEARCH_DEMO_KEY" }, TimeoutSeconds = 30, StartTimeoutSeconds = 60 },
                    new { Name = "ghost", Command = "plex-improve-no-such-server" },
                    new { Name = "odd", Command = "node", Phases = new[] { "phase9" } },
                },
            },
        };
        await File.WriteAllTextAsync(_home.File("appsettings.Local.json"), JsonSerializer.Serialize(settings), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(_home.File(".env"), $"RESEARCH_DEMO_KEY={Secret}\n", TestContext.Current.CancellationToken);
    }

    private static async Task<string> EverythingEntryAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root(), "scripts", "setup-research-fixtures.sh"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"setup-research-fixtures.sh exited {process.ExitCode}:\n{await stderr}");
        return (await stdout).Trim().Split('\n')[^1];
    }
}
