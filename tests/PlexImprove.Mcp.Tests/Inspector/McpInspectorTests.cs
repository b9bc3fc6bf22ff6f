using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Agent.Tools;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Inspector;

/// <summary>
/// A third-party client: the MCP Inspector CLI (<c>@modelcontextprotocol/inspector@0.15.0</c>, installed by
/// <c>scripts/setup-mcp-inspector.sh</c> into the git-ignored <c>.tools-npm/</c>). It exits 0 even when a tool fails,
/// so the tests read its JSON. Without npm on the machine the tests are skipped with that reason; when npm is there
/// but cannot install the Inspector, they fail.
/// </summary>
public sealed class McpInspectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Inspector_ListsEveryTool()
    {
        using var home = new McpTestHome();

        using var json = await RunInspectorAsync(home, "--method", "tools/list");

        var names = json.RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.Equal(ToolNames.All, names);
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Inspector_CallsAReadOnlyTool_AndGetsPlainText()
    {
        using var home = new McpTestHome();

        using var json = await RunInspectorAsync(home, "--method", "tools/call", "--tool-name", ToolNames.ListSignatures);

        Assert.False(json.RootElement.TryGetProperty("isError", out var isError) && isError.GetBoolean(), json.RootElement.ToString());
        string text = json.RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.False(text.StartsWith('"'));
    }

    [Fact(Skip = MachineHas.NoNpm, SkipUnless = nameof(MachineHas.Npm), SkipType = typeof(MachineHas))]
    public async Task Inspector_CallingAWriterOnAReadOnlyServer_ReportsTheRefusal()
    {
        using var home = new McpTestHome();

        using var json = await RunInspectorAsync(home, "--method", "tools/call", "--tool-name", ToolNames.ApplyPatch, "--tool-arg", "fixId=aug", "--tool-arg", "patch=" + McpTestHome.FixPatch);

        Assert.True(json.RootElement.GetProperty("isError").GetBoolean());
        Assert.Contains("--allow-writes", json.RootElement.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(McpTestHome.AgentCode, File.ReadAllText(home.AgentPath));
    }

    private static async Task<JsonDocument> RunInspectorAsync(McpTestHome home, params string[] method)
    {
        string inspector = await InstallAsync();
        var start = new ProcessStartInfo(inspector)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = home.Root,
        };
        start.ArgumentList.Add("--cli");

        // The Inspector passes only a few variables to the server it starts: give it the server's explicitly.
        foreach (var (key, value) in home.Environment().Where(e => e.Value is not null))
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add($"{key}={value}");
        }

        foreach (var arg in new[] { "dotnet", BuiltCli.Dll(), "mcp" }.Concat(method))
        {
            start.ArgumentList.Add(arg);
        }

        var (exitCode, stdout, stderr) = await RunAsync(start, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"mcp-inspector exited {exitCode}:\n{stderr}\n{stdout}");
        int brace = stdout.IndexOf('{', StringComparison.Ordinal);
        Assert.True(brace >= 0, "mcp-inspector printed no JSON:\n" + stdout + "\n" + stderr);
        return JsonDocument.Parse(stdout[brace..]);
    }

    /// <summary>Runs the setup script once per machine (it is idempotent) and returns the launcher's path.</summary>
    private static async Task<string> InstallAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root(), "scripts", "setup-mcp-inspector.sh"));
        var (exitCode, stdout, stderr) = await RunAsync(start, TimeSpan.FromMinutes(10));
        Assert.True(exitCode == 0, $"scripts/setup-mcp-inspector.sh failed ({exitCode}); npm could not install @modelcontextprotocol/inspector@0.15.0:\n{stderr}");
        return stdout.Trim().Split('\n')[^1];
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
