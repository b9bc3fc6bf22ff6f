using PlexImprove.Loop.State;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Loop.Coordination;

/// <summary>Watches a run as it goes (live progress, notifications). Called on the run's own flow; keep it quick.</summary>
public interface ILoopObserver
{
    /// <summary>A phase starts (<paramref name="detail"/> says on what).</summary>
    void OnPhase(int iteration, LoopPhase phase, string detail);

    /// <summary>A fix reached a step, or was decided (<paramref name="detail"/>).</summary>
    void OnFix(int iteration, string fixId, FixStep step, string detail);

    /// <summary>One item of a refresh batch finished.</summary>
    void OnRefresh(RefreshProgress progress);
}
