using PlexImprove.Plex.Restart;

namespace PlexImprove.Plex.Tests.Fakes;

/// <summary>A user who is (or is not) at the keyboard and answers as scripted.</summary>
public sealed class ScriptedPrompt(bool interactive, bool confirms = true) : IUserPrompt
{
    public List<string> Shown { get; } = [];

    public bool IsInteractive => interactive;

    public Task<bool> ConfirmAsync(string instructions, CancellationToken cancellationToken = default)
    {
        Shown.Add(instructions);
        return Task.FromResult(confirms);
    }
}
