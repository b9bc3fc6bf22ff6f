using PlexImprove.Agent.Brains;
using PlexImprove.Agent.Brains.Llm;
using PlexImprove.Agent.Preflight;
using PlexImprove.Agent.Tests.Llm;

namespace PlexImprove.Agent.Tests.Preflight;

/// <summary>The LLM brain with a pre-flight: a patch that makes no failing item match goes back to the model with what the agent did.</summary>
public sealed class LlmPreflightRepairTests : IDisposable
{
    private const string Repaired = "HTML.ElementFromURL(url, headers={'User-Agent': 'Mozilla/5.0 (X11)'}, timeout=20)";
    private readonly LlmTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PatchMatchingNothing_IsSentBackWithItsPreflight_AndTheRepairedPatchIsProposed()
    {
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer()), FakeReply.Text(LlmTestBed.ValidAnswer(@new: Repaired)));
        var preflight = new PatchPreflight(matchesWhenPatchContains: "(X11)");

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(WithPreflight(preflight), Ct);

        Assert.Equal(2, server.Requests.Count);
        var feedback = server.MessagesText(1);
        Assert.Contains("Fix sample-headers was run before reaching Plex on a copy of the bundle: preflight: 0/1 failing items now match", feedback, StringComparison.Ordinal);
        Assert.Contains("IndexError: list index out of range", feedback, StringComparison.Ordinal);
        var fix = Assert.Single(report.Fixes);
        Assert.Contains("(X11)", fix.Patch!.Edits[0].New, StringComparison.Ordinal);
        Assert.Equal(1, fix.Preflight!.Matched);
    }

    [Fact]
    public async Task PatchStillMatchingNothingAfterTheRepairRounds_IsNotProposed_AndTheReportSaysWhy()
    {
        var replies = Enumerable.Repeat(FakeReply.Text(LlmTestBed.ValidAnswer()), LlmBrain.MaxPreflightRepairRounds + 1).ToArray();
        await using var server = await FakeOpenAiServer.StartAsync(replies);

        var report = await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(WithPreflight(new PatchPreflight(matchesWhenPatchContains: "never")), Ct);

        Assert.Equal(LlmBrain.MaxPreflightRepairRounds + 1, server.Requests.Count);
        Assert.Empty(report.Fixes);
        Assert.Contains(report.Notes, n => n.StartsWith("sample-headers: preflight: 0/1 failing items now match", StringComparison.Ordinal));
        var rejected = Assert.Single(report.Rejected);
        Assert.Equal("sample-headers", rejected.Id);
        Assert.StartsWith("preflight: 0/1 failing items now match", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TracebackQuotingAToken_ReachesTheModelMasked()
    {
        const string token = "Zq8xK2mW9vT4pL7nR3sY";
        await using var server = await FakeOpenAiServer.StartAsync(FakeReply.Text(LlmTestBed.ValidAnswer()), FakeReply.Text(LlmTestBed.ValidAnswer(@new: Repaired)));
        var preflight = new PatchPreflight(matchesWhenPatchContains: "(X11)", traceback: $"Error opening URL 'http://127.0.0.1:32400/library?X-Plex-Token={token}'\nHTTPError: 401");

        await _bed.CreateBrain(_bed.CreateKernel(server)).DiagnoseAsync(WithPreflight(preflight), Ct);

        var feedback = server.MessagesText(1);
        Assert.Contains("HTTPError: 401", feedback, StringComparison.Ordinal);
        Assert.DoesNotContain(token, feedback, StringComparison.Ordinal);
        Assert.DoesNotContain(token[..8], feedback, StringComparison.Ordinal);
    }

    private DiagnosisRequest WithPreflight(IFixPreflight preflight) => new()
    {
        Aggregation = _bed.Request.Aggregation,
        Digest = _bed.Request.Digest,
        PluginsDir = _bed.Request.PluginsDir,
        LogsDir = _bed.Request.LogsDir,
        Agents = _bed.Request.Agents,
        Lessons = _bed.Request.Lessons,
        Preflight = preflight,
    };

    public void Dispose() => _bed.Dispose();

    /// <summary>A pre-flight on one item that matches only when the patch holds a given text, and otherwise logs a traceback.</summary>
    private sealed class PatchPreflight(string matchesWhenPatchContains, string traceback = "CRITICAL (agentkit:1018) - Exception in the search function\nIndexError: list index out of range") : IFixPreflight
    {
        public int MaxItems => 5;

        public Task<PreflightResult> RunAsync(PreflightRequest request, CancellationToken cancellationToken)
        {
            var matched = request.Fix.Patch!.Edits.Any(e => e.New.Contains(matchesWhenPatchContains, StringComparison.Ordinal));
            return Task.FromResult(new PreflightResult
            {
                FixId = request.Fix.Id,
                Agent = request.Agent,
                Ran = true,
                Items = [new PreflightItemResult { Item = new PreflightItem { RatingKey = "1", Name = "Night Train" }, Outcome = matched ? PreflightItemOutcome.Matched : PreflightItemOutcome.NoMatch }],
                Tracebacks = matched ? [] : [traceback],
            });
        }
    }
}
