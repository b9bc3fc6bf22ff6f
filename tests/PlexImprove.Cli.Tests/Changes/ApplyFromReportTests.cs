using PlexImprove.Agent.Diagnosis;
using Xunit;

namespace PlexImprove.Cli.Tests.Changes;

/// <summary><c>apply --report FILE --fix ID</c>: a fix applied straight from the diagnostic report that proposed it.</summary>
public sealed class ApplyFromReportTests
{
    private const string Target = "Agent.bundle/Contents/Code/__init__.py";

    private static CliHarness WithAgentBundle()
    {
        var cli = new CliHarness();
        cli.Write("Agent.bundle/Contents/Info.plist", "<plist><dict>\n<key>CFBundleIdentifier</key>\n<string>com.plexapp.agents.Agent</string>\n</dict></plist>\n");
        cli.Write(Target, "x = 1\n");
        return cli;
    }

    /// <summary>A report as the loop writes it, in <c>&lt;work&gt;/iteration_2/</c>.</summary>
    private static string WriteReport(CliHarness cli)
    {
        var report = new DiagnosticReport
        {
            Brain = "playbook",
            Fixes =
            [
                new FixProposal
                {
                    Id = "agent-x",
                    Title = "Set x to 2",
                    Agents = ["com.plexapp.agents.Agent"],
                    RootCause = "x is 1",
                    ExpectedVsObserved = new ExpectedVsObserved { Expected = "2", Observed = "1", DivergencePoint = "x" },
                    Patch = new ProposedPatch { Format = PatchFormatKind.Edits, Edits = [new PatchEdit { File = Target, Old = "x = 1", New = "x = 2" }] },
                },
                new FixProposal
                {
                    Id = "by-hand",
                    Title = "Change a preference",
                    Agents = ["com.plexapp.agents.Agent"],
                    RootCause = "a preference is off",
                    ExpectedVsObserved = new ExpectedVsObserved { Expected = "on", Observed = "off", DivergencePoint = "Prefs" },
                },
            ],
        };
        var folder = Directory.CreateDirectory(Path.Combine(cli.Work, "iteration_2")).FullName;
        var path = Path.Combine(folder, "diagnostic_report.json");
        File.WriteAllText(path, DiagnosticReportJson.Serialize(report));
        return path;
    }

    [Fact]
    public async Task ApplyReportFix_DryRunWritesNothing_ThenApplyWritesIntoTheReportsIteration()
    {
        using var cli = WithAgentBundle();
        var report = WriteReport(cli);

        var dryRun = await cli.RunAsync("apply", "--report", report, "--fix", "agent-x", "--dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Equal("x = 1\n", cli.Read(Target));
        Assert.Contains("+x = 2", dryRun.Out, StringComparison.Ordinal);

        var apply = await cli.RunAsync("apply", "--report", report, "--fix", "agent-x");

        Assert.Equal(0, apply.ExitCode);
        Assert.Equal("x = 2\n", cli.Read(Target));
        Assert.True(File.Exists(Path.Combine(cli.Work, "iteration_2", "implementation_log.json")));
        Assert.Single(Directory.GetDirectories(Path.Combine(cli.Work, "iteration_2", "_BACKUPS"), "agent-x_*"));
    }

    [Fact]
    public async Task ApplyReportFix_UnknownFixOrOneWithoutPatch_ExitsTwoAndChangesNothing()
    {
        using var cli = WithAgentBundle();
        var report = WriteReport(cli);

        var unknown = await cli.RunAsync("apply", "--report", report, "--fix", "nope");
        var byHand = await cli.RunAsync("apply", "--report", report, "--fix", "by-hand");
        var noFix = await cli.RunAsync("apply", "--report", report);

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Its fixes: agent-x, by-hand", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(2, byHand.ExitCode);
        Assert.Contains("carries no patch", byHand.Error, StringComparison.Ordinal);
        Assert.Equal(2, noFix.ExitCode);
        Assert.Contains("--fix ID", noFix.Error, StringComparison.Ordinal);
        Assert.Equal("x = 1\n", cli.Read(Target));
    }

    [Fact]
    public async Task ReportGivenAsPatch_ExitsTwoNamingTheReportOption()
    {
        using var cli = WithAgentBundle();
        var report = WriteReport(cli);

        var run = await cli.RunAsync("apply", "--iteration", "2", "--fix-id", "agent-x", "--patch", report);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"is a diagnostic report, not a patch. Apply one of its fixes with: plex-improve apply --report {report} --fix ID", run.Error, StringComparison.Ordinal);
        Assert.Equal("x = 1\n", cli.Read(Target));
    }
}
