using PlexImprove.Plex.Restart;

namespace PlexImprove.Agent.Tools;

/// <summary>The user prompt of a tool call: nobody can confirm a manual step, so a restart that needs one says what to do instead.</summary>
public sealed class UnattendedUserPrompt : IUserPrompt
{
    public bool IsInteractive => false;

    public Task<bool> ConfirmAsync(string instructions, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
