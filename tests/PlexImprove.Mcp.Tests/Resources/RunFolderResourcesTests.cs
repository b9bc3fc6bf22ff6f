using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PlexImprove.Core.Redaction;
using PlexImprove.Mcp.Resources;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Resources;

public sealed class RunFolderResourcesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void List_ShowsTopLevelReportsThenIterationsInNumberOrder_AndNeverBackups()
    {
        using var home = new McpTestHome();
        Directory.CreateDirectory(Path.Combine(home.WorkDir, "iteration_10"));
        File.WriteAllText(Path.Combine(home.WorkDir, "iteration_10", "post_mortem_analysis.md"), "# Post-mortem");
        Directory.CreateDirectory(Path.Combine(home.WorkDir, "iteration_1", "_BACKUPS", "fix_20261201_120000"));
        File.WriteAllText(Path.Combine(home.WorkDir, "iteration_1", "_BACKUPS", "fix_20261201_120000", "manifest.json"), "{}");
        File.WriteAllText(Path.Combine(home.WorkDir, "iteration_1", "notes.txt"), "not a report");
        var resources = new RunFolderResources(home.WorkDir, Path.Combine(home.Root, "lessons", "lessons_learned.md"), SecretRedactor.Shared);

        var uris = resources.List().Select(r => r.Uri).ToList();

        Assert.Equal(
            [
                "plex-improve://work/loop_state.json",
                "plex-improve://work/iteration_1/aggregated_logs.md",
                "plex-improve://work/iteration_1/metrics.json",
                "plex-improve://work/iteration_10/post_mortem_analysis.md",
                "plex-improve://lessons/lessons_learned.md",
            ],
            uris);
    }

    [Theory]
    [InlineData("plex-improve://work/../outside.txt")]
    [InlineData("plex-improve://work/iteration_1/../../outside.txt")]
    [InlineData("plex-improve://work/iteration_1/_BACKUPS/manifest.json")]
    [InlineData("plex-improve://work/iteration_1/%2E%2E%2Foutside.md")]
    [InlineData("file:///etc/passwd")]
    [InlineData("plex-improve://work/appsettings.json")]
    public void Resolve_AnythingButAReport_IsRefused(string uri)
    {
        using var home = new McpTestHome();
        var resources = new RunFolderResources(home.WorkDir, null, SecretRedactor.Shared);

        var error = Assert.Throws<McpException>(() => resources.Resolve(uri));

        Assert.Contains("not a report", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_MasksSecretsAndGivesTheMimeType()
    {
        using var home = new McpTestHome();
        File.WriteAllText(Path.Combine(home.WorkDir, "final_improvement_report.md"), "Requested http://plex/?X-Plex-Token=secret-token-123 ok");
        var resources = new RunFolderResources(home.WorkDir, null, new SecretRedactor(["secret-token-123"]));

        var result = await resources.ReadAsync("plex-improve://work/final_improvement_report.md", Ct);

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents));
        Assert.Equal("text/markdown", contents.MimeType);
        Assert.Equal("Requested http://plex/?X-Plex-Token=<redacted> ok", contents.Text);
    }

    [Fact]
    public async Task ReadAsync_AReportNotWrittenYet_SaysSo()
    {
        using var home = new McpTestHome();
        var resources = new RunFolderResources(home.WorkDir, null, SecretRedactor.Shared);

        var error = await Assert.ThrowsAsync<McpException>(() => resources.ReadAsync("plex-improve://work/decision_log.json", Ct));

        Assert.Contains("does not exist (yet)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SymlinkedIterationFolderLeadingOut_IsNeitherListedNorRead()
    {
        using var home = new McpTestHome();
        var outside = Directory.CreateDirectory(Path.Combine(home.Root, "outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "metrics.json"), "{\"stolen\": true}");
        Directory.CreateDirectory(home.WorkDir);
        Directory.CreateSymbolicLink(Path.Combine(home.WorkDir, "iteration_7"), outside);
        var resources = new RunFolderResources(home.WorkDir, null, SecretRedactor.Shared);

        var uris = resources.List().Select(r => r.Uri).ToList();
        var error = await Assert.ThrowsAsync<McpException>(() => resources.ReadAsync("plex-improve://work/iteration_7/metrics.json", Ct));

        Assert.DoesNotContain(uris, u => u.Contains("iteration_7", StringComparison.Ordinal));
        Assert.Contains("not a report", error.Message, StringComparison.Ordinal);
        Assert.Null(resources.UriOf(Path.Combine(home.WorkDir, "iteration_7", "metrics.json")));
    }
}
