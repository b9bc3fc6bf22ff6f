namespace PlexImprove.Agent.Brains;

/// <summary>Which brain diagnoses: the LLM over Semantic Kernel, or the offline playbook.</summary>
public enum BrainKind
{
    Llm,
    Playbook,
}
