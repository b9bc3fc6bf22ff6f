using System.Runtime.ExceptionServices;

namespace PlexImprove.Core.Metrics;

/// <summary>
/// Runs one piece of work per agent on one plain thread per core, the largest agents first. Aggregation is a
/// short burst of CPU-bound work, often the whole life of the process: plain threads start at once, where the
/// thread pool grows by injection and a parallel loop first loads its tracing; and largest-first keeps the cores
/// busy until the end.
/// </summary>
internal static class AgentWorkers
{
    /// <summary>Calls <paramref name="work"/> once for each index of <paramref name="sizes"/>, several at a time.</summary>
    /// <param name="sizes">The size of each piece of work (bytes to read); larger ones start first.</param>
    /// <param name="work">The work for one index; the first exception stops the others from starting more.</param>
    /// <param name="workers">Threads at most, the calling one included (one per core).</param>
    /// <param name="cancellationToken">Stops pieces from starting.</param>
    public static void Run(IReadOnlyList<long> sizes, Action<int> work, int workers, CancellationToken cancellationToken)
    {
        var order = Enumerable.Range(0, sizes.Count).OrderByDescending(i => sizes[i]).ToArray();
        int next = -1;
        ExceptionDispatchInfo? failure = null;

        void Drain()
        {
            try
            {
                int taken;
                while (Volatile.Read(ref failure) is null && (taken = Interlocked.Increment(ref next)) < order.Length)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    work(order[taken]);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        var helpers = Enumerable.Range(0, Math.Max(0, Math.Min(workers, order.Length) - 1))
            .Select(i => new Thread(Drain) { IsBackground = true, Name = $"Aggregation {i + 1}" })
            .ToList();
        helpers.ForEach(t => t.Start());
        Drain();
        helpers.ForEach(t => t.Join());
        failure?.Throw();
    }
}
