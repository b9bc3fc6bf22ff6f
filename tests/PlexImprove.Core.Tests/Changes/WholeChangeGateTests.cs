using System.Text;
using System.Text.Json;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Changes.Log;
using Xunit;

namespace PlexImprove.Core.Tests.Changes;

/// <summary>The gate sees the whole change: an edited Info.plist and the end state of every module of its bundle.</summary>
public sealed class WholeChangeGateTests
{
    private const string Plist = "A.bundle/Contents/Info.plist";
    private const string Module = "A.bundle/Contents/Code/helpers.py";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string InfoPlist(string policy, string version = "1.0") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <plist version="1.0">
        <dict>
          <key>CFBundleIdentifier</key><string>com.plexapp.agents.A</string>
          <key>CFBundleVersion</key><string>{version}</string>
          <key>PlexPluginCodePolicy</key><string>{policy}</string>
        </dict>
        </plist>
        """;

    private static string Edit(string file, string search, string replace) =>
        JsonSerializer.Serialize(new { edits = new[] { new { file, search, replace } } });

    private static ChangeFixture Bundle()
    {
        var fixture = new ChangeFixture { Gate = new PolicyGate() };
        fixture.Write(Plist, InfoPlist("Elevated"));
        fixture.Write("A.bundle/Contents/Code/__init__.py", "import helpers\n");
        fixture.Write(Module, "def title(page):\n    return getattr(page, 'title')\n");
        return fixture;
    }

    [Fact]
    public async Task InfoPlistEditDroppingTheElevatedPolicy_WhileAModuleCallsGetattr_IsBlockedWithNothingWritten()
    {
        using var fixture = Bundle();
        var before = fixture.SnapshotPlugins();

        var outcome = await fixture.CreateSut().ApplyPatchAsync(
            ChangeFixture.Request(Edit(Plist, "<string>Elevated</string>", "<string>Standard</string>")), Ct);

        Assert.Equal(FixStatus.Blocked, outcome.Status);
        var finding = Assert.Single(outcome.Findings.Introduced);
        Assert.Equal(Module, finding.File);
        Assert.Equal(before, fixture.SnapshotPlugins());
    }

    [Fact]
    public async Task InfoPlistEditThatNoLongerParses_IsBlocked()
    {
        using var fixture = Bundle();

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(Edit(Plist, "</dict>", "</dikt>")), Ct);

        Assert.Equal(FixStatus.Blocked, outcome.Status);
        Assert.Contains(outcome.Findings.Introduced, f => f.Rule == "plist-unreadable" && f.File == Plist);
        Assert.Contains("</dict>", fixture.ReadText(Plist), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InfoPlistEditKeepingThePolicy_IsApplied()
    {
        using var fixture = Bundle();

        var outcome = await fixture.CreateSut().ApplyPatchAsync(
            ChangeFixture.Request(Edit(Plist, "<string>1.0</string>", "<string>1.1</string>")), Ct);

        Assert.Equal(FixStatus.Applied, outcome.Status);
        Assert.Contains("<string>1.1</string>", fixture.ReadText(Plist), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeEditInABundleWhosePlistTheSamePatchElevates_IsCheckedUnderTheNewPolicy()
    {
        using var fixture = Bundle();
        fixture.Write(Plist, InfoPlist("Standard"));
        fixture.Write(Module, "def title(page):\n    return page.title\n");
        string patch = JsonSerializer.Serialize(new
        {
            edits = new[]
            {
                new { file = Plist, search = "<string>Standard</string>", replace = "<string>Elevated</string>" },
                new { file = Module, search = "return page.title", replace = "return getattr(page, 'title')" },
            },
        });

        var outcome = await fixture.CreateSut().ApplyPatchAsync(ChangeFixture.Request(patch), Ct);

        Assert.Equal(FixStatus.Applied, outcome.Status);
    }

    /// <summary>Stands in for the loader lint's policy rule: <c>getattr(</c> is refused under the standard policy only.</summary>
    private sealed class PolicyGate : ICodeGate
    {
        public Task<IReadOnlyList<GateFileResult>> CheckAsync(IReadOnlyList<GateSource> sources, GateChecks checks, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<GateFileResult>>([.. sources.Select(s => new GateFileResult
            {
                File = s.Name,
                Parsed = true,
                Findings = s.Policy == PluginCodePolicy.Elevated ? [] :
                [
                    .. Encoding.UTF8.GetString(s.Content.Span).Split('\n')
                        .Select((line, index) => (line, index))
                        .Where(l => l.line.Contains("getattr(", StringComparison.Ordinal))
                        .Select(l => new CodeFinding
                        {
                            Check = "lint", Rule = "restricted-builtin", File = s.Name, Line = l.index + 1, Column = 1,
                            Message = "getattr needs the elevated policy", Code = l.line.Trim(),
                        }),
                ],
            })]);
    }
}
