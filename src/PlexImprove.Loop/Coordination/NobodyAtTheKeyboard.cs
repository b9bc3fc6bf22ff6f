using PlexImprove.Plex.Restart;

namespace PlexImprove.Loop.Coordination;

/// <summary>The answer when no one can be asked (the demo, a pipe): a manual restart cannot be confirmed.</summary>
public sealed class NobodyAtTheKeyboard : IUserPrompt
{
    public bool IsInteractive => false;

    public Task<bool> ConfirmAsync(string instructions, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
