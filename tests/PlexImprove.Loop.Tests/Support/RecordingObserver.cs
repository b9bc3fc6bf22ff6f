using System.Collections.Concurrent;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;
using PlexImprove.Plex.Refresh;

namespace PlexImprove.Loop.Tests.Support;

/// <summary>Keeps every progress event, and can cancel the run when a chosen event arrives (a kill at that point).</summary>
internal sealed class RecordingObserver : ILoopObserver
{
    private readonly Func<string, bool>? _stopWhen;
    private readonly CancellationTokenSource? _cancel;

    public RecordingObserver(Func<string, bool>? stopWhen = null, CancellationTokenSource? cancel = null)
    {
        _stopWhen = stopWhen;
        _cancel = cancel;
    }

    public ConcurrentQueue<string> Events { get; } = new();

    public void OnPhase(int iteration, LoopPhase phase, string detail) => Record($"{iteration} phase {phase}: {detail}");

    public void OnFix(int iteration, string fixId, FixStep step, string detail) => Record($"{iteration} fix {fixId} {step}: {detail}");

    public void OnRefresh(RefreshProgress progress)
    {
    }

    private void Record(string line)
    {
        Events.Enqueue(line);
        if (_stopWhen?.Invoke(line) == true)
        {
            _cancel?.Cancel();
        }
    }
}
