namespace PlexImprove.Core.Changes;

/// <summary>Finds the network hosts a change makes a bundle reach that its code never named.</summary>
public interface INetworkHostReview
{
    /// <summary>The new hosts of <paramref name="relativePath"/> going from <paramref name="before"/> to <paramref name="after"/>, sorted.</summary>
    IReadOnlyList<string> NewHosts(string relativePath, string before, string after);
}
