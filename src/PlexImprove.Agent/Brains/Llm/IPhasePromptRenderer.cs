using PlexImprove.Agent.Lessons;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>Renders a phase prompt (<c>prompts/NAME.md</c>) with its variables and the phase's top lessons, into the text with <c>&lt;message role="…"&gt;</c> blocks the model receives.</summary>
public interface IPhasePromptRenderer
{
    Task<string> RenderAsync(string promptName, IReadOnlyDictionary<string, object?> variables, LessonBook lessons, CancellationToken cancellationToken);
}
