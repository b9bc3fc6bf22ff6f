using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Tests.TestSupport;

namespace PlexImprove.Agent.Tests.Playbook;

/// <summary>Every patch goes through the change engine's preview with the real Python 2.7 gate; nothing is written.</summary>
public sealed class DiagnosisVerifierTests
{
    private const string Code = "def Start():\n    HTTP.CacheTime = 0\n\n\ndef score(name):\n    return len(name)\n";

    [Theory]
    [InlineData("return len(name)", "return len(name) + 1", true, "")]
    [InlineData("return len(name)", "print(name, end='')", false, "syntax")]
    [InlineData("return len(name)", "_n = len(name)\n    return _n", false, "_n")]
    [InlineData("return nothing_here", "return 1", false, "occurs 0 times")]
    public async Task Verify_SaysWhetherThePatchAppliesAndPassesTheGate(string old, string @new, bool applicable, string reasonPart)
    {
        using var agent = new FixtureAgent("Films", Code);
        var before = File.ReadAllText(agent.CodePath);

        var verification = await Verify(agent, new PatchEdit { File = agent.CodeRelative, Old = old, New = @new });

        Assert.Equal(applicable, verification.Applicable);
        Assert.Contains(reasonPart, (verification.Reason ?? "") + string.Join("; ", verification.Findings), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, File.ReadAllText(agent.CodePath));
        Assert.False(Directory.Exists(Path.Combine(agent.WorkDir, "iteration_1")) && Directory.EnumerateFileSystemEntries(Path.Combine(agent.WorkDir, "iteration_1")).Any());
    }

    [Fact]
    public async Task Verify_APathOutsideThePluginsFolder_IsNotApplicableWithTheRefusal()
    {
        using var agent = new FixtureAgent("Films", Code);

        var verification = await Verify(agent, new PatchEdit { File = "../outside.py", Old = "a", New = "b" });

        Assert.False(verification.Applicable);
        Assert.Contains("Plug-ins", verification.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verify_AFixWithoutPatch_IsAdviceOnly()
    {
        using var agent = new FixtureAgent("Films", Code);
        var fix = Fix(null);

        var verification = await new DiagnosisVerifier(await Gate.EngineAsync(agent.PluginsDir, agent.WorkDir)).VerifyAsync(fix, 1, TestContext.Current.CancellationToken);

        Assert.Equal((false, "no patch: the fix is advice only"), (verification.Applicable, verification.Reason));
    }

    [Fact]
    public void PatchBytes_EditsBecomeTheEnginesSearchReplaceJson()
    {
        var bytes = PatchBytes.From(new ProposedPatch { Format = PatchFormatKind.Edits, Edits = [new PatchEdit { File = "A.bundle/x.py", Old = "a = 1\n", New = "a = \"2\"\n" }] });

        Assert.Equal("{\"edits\":[{\"file\":\"A.bundle/x.py\",\"search\":\"a = 1\\n\",\"replace\":\"a = \\u00222\\u0022\\n\"}]}", System.Text.Encoding.UTF8.GetString(bytes.Span));
    }

    private static async Task<FixVerification> Verify(FixtureAgent agent, PatchEdit edit) =>
        await new DiagnosisVerifier(await Gate.EngineAsync(agent.PluginsDir, agent.WorkDir))
            .VerifyAsync(Fix(new ProposedPatch { Format = PatchFormatKind.Edits, Edits = [edit] }), 1, TestContext.Current.CancellationToken);

    internal static FixProposal Fix(ProposedPatch? patch) => new()
    {
        Id = "fixture-fix",
        Title = "Fixture fix",
        Agents = ["com.plexapp.agents.Films"],
        RootCause = "a fixture",
        ExpectedVsObserved = new ExpectedVsObserved { Expected = "e", Observed = "o", DivergencePoint = "d" },
        Patch = patch,
    };
}
