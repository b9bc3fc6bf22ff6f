using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Cli.Rendering;

/// <summary>
/// Live progress of a run as plain lines on stderr — iteration, phase, fix and step, refresh progress at each quarter —
/// the same on a terminal and in a pipe, so logs of a run read like its screen.
/// </summary>
public sealed class LoopProgressPrinter : ILoopObserver
{
    private readonly TextWriter _error;
    private readonly Lock _gate = new();
    private int _lastQuarter = -1;

    public LoopProgressPrinter(TextWriter error) => _error = error;

    public void OnPhase(int iteration, LoopPhase phase, string detail)
    {
        lock (_gate)
        {
            _error.WriteLine($"[iteration {iteration}] {phase.ToString().ToLowerInvariant()}: {detail}");
            _error.Flush();
        }
    }

    public void OnFix(int iteration, string fixId, FixStep step, string detail)
    {
        lock (_gate)
        {
            _lastQuarter = -1;
            _error.WriteLine($"[iteration {iteration}]   {fixId}: {detail}");
            _error.Flush();
        }
    }

    public void OnRefresh(RefreshProgress progress)
    {
        lock (_gate)
        {
            int quarter = progress.Total == 0 ? 4 : progress.Done * 4 / progress.Total;
            if (quarter != _lastQuarter)
            {
                _lastQuarter = quarter;
                _error.WriteLine($"      refreshed {progress.Done}/{progress.Total} item(s){(progress.InFlight > 0 ? $", {progress.InFlight} in flight" : "")}");
                _error.Flush();
            }
        }
    }
}
