using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Sandbox.Tests.Support;
using PlexImprove.Testing;

namespace PlexImprove.Sandbox.Tests.Emulator;

/// <summary>
/// A real Plex client library from npm (<c>plex-api</c> 5.3.2, installed by <c>scripts/setup-npm-fixture.sh</c> into the
/// git-ignored <c>.tools-npm/</c>) against the box. Without npm on the machine the test is skipped, saying so.
/// </summary>
public sealed class NodePlexClientTests
{
    private const string Script = """
        const PlexAPI = require('plex-api');
        const url = new URL(process.env.BOX_URL);
        const client = new PlexAPI({ hostname: url.hostname, port: Number(url.port), token: process.env.BOX_TOKEN });
        (async () => {
          const library = await client.query('/library');
          const sections = await client.query('/library/sections/all');
          const items = await client.query('/library/metadata/1,2');
          await client.postQuery('/library/sections/1/refresh');
          console.log(JSON.stringify({
            library: library.MediaContainer.identifier,
            agent: sections.MediaContainer.Directory[0].agent,
            ratingKeys: items.MediaContainer.Metadata.map(m => m.ratingKey),
          }));
        })().catch(e => { console.error(String(e)); process.exit(1); });
        """;

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task PlexApiClient_ReadsTheLibrary_SeveralItems_AndRefreshesASection()
    {
        var modules = await InstallAsync();
        using var scenario = new TestScenario(TestScenario.HealthyAgent, items: 2);
        await using var run = await SandboxRun.StartAsync(scenario.Root);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        start.Environment["NODE_PATH"] = modules;
        start.Environment["BOX_URL"] = run.Host.Connection.Url;
        start.Environment["BOX_TOKEN"] = run.Host.Connection.Token;

        var (exitCode, stdout, stderr) = await RunAsync(start, TimeSpan.FromMinutes(1));
        await run.WaitIdleAsync();

        Assert.True(exitCode == 0, $"plex-api failed against the box: {stderr}");
        var answer = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("com.plexapp.plugins.library", answer.GetProperty("library").GetString());
        Assert.Equal(TestScenario.Identifier, answer.GetProperty("agent").GetString());
        Assert.Equal(["1", "2"], answer.GetProperty("ratingKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.NotNull(run.Host.Library.Find("2")!.LastRefresh);
    }

    /// <summary>Runs the fixture installer (idempotent) and returns the node_modules folder holding plex-api.</summary>
    private static async Task<string> InstallAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root(), "scripts", "setup-npm-fixture.sh"));
        foreach (var arg in new[] { "plex-api", "plex-api", "5.3.2", "package.json" })
        {
            start.ArgumentList.Add(arg);
        }

        var (exitCode, _, stderr) = await RunAsync(start, TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, $"scripts/setup-npm-fixture.sh failed ({exitCode}); npm could not install plex-api@5.3.2:\n{stderr}");
        return Path.Combine(RepositoryPaths.Root(), ".tools-npm", "node_modules");
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        var ct = TestContext.Current.CancellationToken;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
