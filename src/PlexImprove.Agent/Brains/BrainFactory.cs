using Microsoft.Extensions.Logging;
using PlexImprove.Agent.Brains.Llm;
using PlexImprove.Agent.Brains.Playbook;
using PlexImprove.Agent.Hosting;
using PlexImprove.Agent.Prompts;
using PlexImprove.Agent.Sites;
using PlexImprove.Core.Errors;

namespace PlexImprove.Agent.Brains;

/// <summary>Chooses and builds the brain: the one asked for (<c>--brain</c>), else the LLM when one is configured, else the playbook.</summary>
public static class BrainFactory
{
    /// <param name="requested"><c>llm</c>, <c>playbook</c>, or null/empty for the default.</param>
    /// <param name="llmConfigured">Whether <c>Llm:Provider</c> (or <c>--llm-endpoint</c>) names an LLM.</param>
    /// <param name="howToConfigure">Appended to the error when the LLM is asked for but not configured.</param>
    public static BrainKind Choose(string? requested, bool llmConfigured, string howToConfigure)
    {
        switch ((requested ?? "").Trim().ToLowerInvariant())
        {
            case "":
                return llmConfigured ? BrainKind.Llm : BrainKind.Playbook;
            case "playbook":
                return BrainKind.Playbook;
            case "llm":
                return llmConfigured ? BrainKind.Llm : throw new InvalidInputException("--brain llm: " + howToConfigure);
            default:
                throw new InvalidInputException($"--brain '{requested}' is not known; use llm or playbook.");
        }
    }

    /// <summary>The offline playbook, fetching the agents' pages through <paramref name="fetcher"/>.</summary>
    public static IBrain Playbook(IPageFetcher fetcher, TimeProvider time) =>
        new PlaybookBrain(new PlaybookBrainOptions { Fetcher = fetcher, Time = time });

    /// <summary>The LLM brain over <paramref name="kernel"/> and the phase prompts.</summary>
    public static IBrain Llm(AgentKernel kernel, PromptLibrary prompts, TimeProvider time, ILogger logger) =>
        new LlmBrain(kernel, prompts, time, logger);
}
