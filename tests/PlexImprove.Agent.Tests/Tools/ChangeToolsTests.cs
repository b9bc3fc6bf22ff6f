using System.Text.Json;
using PlexImprove.Agent.Tests.TestSupport;
using PlexImprove.Agent.Tools;

namespace PlexImprove.Agent.Tests.Tools;

public sealed class ChangeToolsTests : IDisposable
{
    private const string CodeFile = "Films.bundle/Contents/Code/__init__.py";
    private readonly ToolFixture _fixture = new();

    private static string Edit(string search, string replace) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file = CodeFile, search, replace } } });

    [Fact]
    public async Task PreviewPatch_ValidEdit_ShowsTheDiffAndWritesNothing()
    {
        var before = await File.ReadAllTextAsync(_fixture.CodePath, TestContext.Current.CancellationToken);

        var json = await _fixture.Registry().CallAsync(ToolNames.PreviewPatch,
            ("fixId", "films-headers"), ("patch", Edit("HTML.ElementFromURL(BASE_URL + '/search?q=' + media.name)", "HTML.ElementFromURL(BASE_URL + '/search?q=' + media.name, headers=BROWSER)")));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("previewed", document.RootElement.GetProperty("status").GetString());
        Assert.Contains("+    page = HTML.ElementFromURL(BASE_URL + '/search?q=' + media.name, headers=BROWSER)", document.RootElement.GetProperty("files")[0].GetProperty("diff").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_fixture.CodePath, TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(Path.Combine(_fixture.WorkDir, "iteration_1")));
    }

    [Fact]
    public async Task PreviewPatch_Python3Syntax_IsBlockedWithTheFinding()
    {
        var json = await _fixture.Registry().CallAsync(ToolNames.PreviewPatch,
            ("fixId", "py3"), ("patch", Edit("    count = 0\n", "    count: int = 0\n")));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("blocked", document.RootElement.GetProperty("status").GetString());
        Assert.Contains("[load syntax]", document.RootElement.GetProperty("introduced")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewPatch_SearchTextNotInTheFile_SaysSoReadably()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.PreviewPatch, ("fixId", "nope"), ("patch", Edit("not in the file", "x")));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("0 times", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewPatch_TargetOutsideThePlugins_IsRefused()
    {
        var patch = JsonSerializer.Serialize(new { edits = new[] { new { file = "../lessons_learned.md", search = "DO", replace = "DON'T" } } });

        var answer = await _fixture.Registry().CallAsync(ToolNames.PreviewPatch, ("fixId", "escape"), ("patch", patch));

        Assert.StartsWith("Error: ", answer, StringComparison.Ordinal);
        Assert.Contains("Plug-ins folder", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyPatch_ThenListBackups_ThenRollback_RestoresTheOriginal()
    {
        var registry = _fixture.Registry();
        var original = await File.ReadAllBytesAsync(_fixture.CodePath, TestContext.Current.CancellationToken);

        var applied = await registry.CallAsync(ToolNames.ApplyPatch,
            ("fixId", "films-referer"), ("patch", Edit("'http://films.example/'", "'http://films.example/search'")), ("expectedBehaviour", "searches stop failing with 403"));
        using (var document = JsonDocument.Parse(applied))
        {
            Assert.Equal("applied", document.RootElement.GetProperty("status").GetString());
        }

        Assert.Contains("films.example/search'", await File.ReadAllTextAsync(_fixture.CodePath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var backups = await registry.CallAsync(ToolNames.ListBackups);
        Assert.Contains("\"fixId\":\"films-referer\"", backups, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"applied\"", backups, StringComparison.Ordinal);

        var rolledBack = await registry.CallAsync(ToolNames.RollbackFix, ("fixId", "films-referer"));

        Assert.Contains("\"rolledBack\":1", rolledBack, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(_fixture.CodePath, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ApplyPatch_BreakingALoaderRule_WritesNothing()
    {
        var before = await File.ReadAllTextAsync(_fixture.CodePath, TestContext.Current.CancellationToken);

        var json = await _fixture.Registry().CallAsync(ToolNames.ApplyPatch, ("fixId", "underscore"), ("patch", Edit("    count = 0\n", "    _count = 0\n")));

        Assert.Contains("\"status\":\"blocked\"", json, StringComparison.Ordinal);
        Assert.Contains("underscore-name", json, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_fixture.CodePath, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RollbackFix_NothingToRollBack_SaysWhereItLooked()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.RollbackFix, ("fixId", "never-applied"));

        Assert.StartsWith("Error: No backup of fix 'never-applied' was found", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListBackups_Empty_SaysSo()
    {
        var answer = await _fixture.Registry().CallAsync(ToolNames.ListBackups);

        Assert.StartsWith("No backups in the work folder", answer, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}
