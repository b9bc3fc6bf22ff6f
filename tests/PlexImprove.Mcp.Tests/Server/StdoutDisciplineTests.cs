using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Server;

/// <summary>Over stdio, stdout is the protocol: every line the server writes there must be a JSON-RPC message.</summary>
public sealed class StdoutDisciplineTests
{
    [Fact]
    public async Task Stdout_CarriesOnlyJsonRpcMessages_EvenWhenToolsFailAndWarn()
    {
        using var home = new McpTestHome();
        Directory.Delete(Path.Combine(home.Root, "prompts"), recursive: true);
        using var process = StartMcp(home);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        string[] requests =
        [
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"apply_patch","arguments":{"fixId":"a","patch":"b"}}}""",
            """{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"plex_status","arguments":{}}}""",
            """{"jsonrpc":"2.0","id":4,"method":"tools/list"}""",
        ];
        foreach (var request in requests)
        {
            await process.StandardInput.WriteLineAsync(request);
        }

        await process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (lines.Count < 4 && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(4, lines.Count);
        Assert.All(lines, l => Assert.Equal("2.0", JsonDocument.Parse(l).RootElement.GetProperty("jsonrpc").GetString()));
        Assert.Contains("no prompt files", await stderr, StringComparison.Ordinal);
        var plex = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.TryGetProperty("id", out var id) && id.GetInt32() == 3);
        Assert.True(plex.GetProperty("result").GetProperty("isError").GetBoolean());
        Assert.Contains("PLEX_TOKEN", plex.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenPromptFile_StopsTheServerWithExitTwoNamingTheFile_ThoughStdinStaysOpen()
    {
        // The prompts load while the server starts, so it may answer initialize first; it must still stop, not serve on.
        using var home = new McpTestHome();
        string file = Path.Combine(home.Root, "prompts", "phase4_active_testing.md");
        var lines = File.ReadAllLines(file).ToList();
        lines.Insert(lines.IndexOf("<message role=\"user\">") + 1, "{{ if fix }}unterminated");
        File.WriteAllLines(file, lines);
        using var process = StartMcp(home);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteLineAsync(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        await process.StandardInput.FlushAsync(TestContext.Current.CancellationToken);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"error: {file}:", await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService", await stderr, StringComparison.Ordinal);
    }

    private static Process StartMcp(McpTestHome home) => Process.Start(home.McpProcess())!;
}
