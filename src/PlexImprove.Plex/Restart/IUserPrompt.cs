namespace PlexImprove.Plex.Restart;

/// <summary>Asks the user to do something by hand (the manual restart).</summary>
public interface IUserPrompt
{
    /// <summary>Whether someone can answer (a terminal on stdin); false in scripts and CI.</summary>
    bool IsInteractive { get; }

    /// <summary>Shows <paramref name="instructions"/> and waits until the user confirms (true) or declines (false).</summary>
    Task<bool> ConfirmAsync(string instructions, CancellationToken cancellationToken = default);
}
