using System.ComponentModel;
using Microsoft.SemanticKernel;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Agent.Preflight;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Metrics;

namespace PlexImprove.Agent.Tools;

/// <summary>Runs a fix before it reaches Plex: the patch on a scratch copy of the bundle, the agent on its failing items.</summary>
internal sealed class PreflightTools
{
    private readonly ToolRuntime _runtime;

    public PreflightTools(ToolRuntime runtime) => _runtime = runtime;

    [KernelFunction(ToolNames.PreflightFix)]
    [Description("Runs a fix without touching the Plug-ins folder: applies the patch to a scratch copy of the agent's bundle, runs the agent's search and update (as Plex calls them, with the name, year and file Plex passed) on up to 'items' items it failed on in the logs, on the same sites or network as Plex, and counts how many now match with metadata. Returns each item's outcome (matched, no_match, search_crashed, update_failed), the tracebacks the patched agent logged and a summary such as 'preflight: 4/5 failing items now match'. Use it on a patch before apply_patch; a patch that makes no failing item match should not be applied.")]
    public Task<string> PreflightFixAsync(
        [Description("The agent's full identifier, for example com.plexapp.agents.AEBN.")] string agent,
        [Description(ChangeTools.PatchDescription)] string patch,
        [Description("How many failing items to run (1 to 20, default 5).")] int items = 5,
        [Description("Also change every byte-identical copy of each target file in the other bundles.")] bool allCopies = false,
        CancellationToken cancellationToken = default) =>
        ToolOutput.RunAsync(_runtime.Environment, async () =>
        {
            if (string.IsNullOrWhiteSpace(agent))
            {
                throw new InvalidInputException("Give the agent's identifier (for example com.plexapp.agents.AEBN).");
            }

            if (string.IsNullOrWhiteSpace(patch))
            {
                throw new InvalidInputException("The patch is empty: give a unified diff, JSON search/replace edits or SEARCH/REPLACE blocks.");
            }

            if (items is < 1 or > 20)
            {
                throw new InvalidInputException($"items must be between 1 and 20, not {items}.");
            }

            if (_runtime.Environment.PreflightFactory is not { } factory)
            {
                throw new InvalidInputException("Pre-flight is not available here: it needs the Python 2.7 runtime of the sandbox.");
            }

            var sessions = new LogAggregator().Aggregate(
                new AggregationRequest { LogsDir = _runtime.Environment.LogsDir, Agents = [agent.Trim()], CollectSessions = true }, cancellationToken: cancellationToken).Sessions;
            var failing = FailingItems.Find(_runtime.Environment.LogsDir, agent.Trim(), sessions, items, cancellationToken);
            var fix = new FixProposal
            {
                Id = "preflight-check",
                Title = "preflight_fix",
                Agents = [agent.Trim()],
                RootCause = "(tool call)",
                ExpectedVsObserved = new ExpectedVsObserved { Expected = "failing items match", Observed = "failing items", DivergencePoint = "(tool call)" },
                // The change engine recognises the patch's format from its text, whatever the format named here.
                Patch = new ProposedPatch { Format = PatchFormatKind.UnifiedDiff, Diff = patch, AllCopies = allCopies },
            };
            var preflight = await factory(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await preflight.RunAsync(new PreflightRequest { Fix = fix, Agent = agent.Trim(), Items = failing }, cancellationToken).ConfigureAwait(false);
                return ToolOutput.Json(new { result.Summary, result.Ran, result.Skipped, result.Error, result.Tried, result.Matched, result.Items, result.Tracebacks, result.ElapsedMs });
            }
            finally
            {
                if (preflight is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }
        }, cancellationToken);
}
