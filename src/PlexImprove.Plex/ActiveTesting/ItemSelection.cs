namespace PlexImprove.Plex.ActiveTesting;

/// <summary>The items an active test refreshes: the failed ones first, then the controls.</summary>
public sealed class ItemSelection
{
    public required IReadOnlyList<SelectedItem> Failed { get; init; }
    public required IReadOnlyList<SelectedItem> Controls { get; init; }

    /// <summary>Failed items the baseline had beyond the requested number (not tested).</summary>
    public int FailedAvailable { get; init; }

    /// <summary>Control candidates the baseline had.</summary>
    public int ControlsAvailable { get; init; }

    public IEnumerable<SelectedItem> All => Failed.Concat(Controls);
}
