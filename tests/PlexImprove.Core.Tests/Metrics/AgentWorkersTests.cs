using System.Collections.Concurrent;
using PlexImprove.Core.Metrics;
using Xunit;

namespace PlexImprove.Core.Tests.Metrics;

public sealed class AgentWorkersTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(25, 1)]
    [InlineData(25, 2)]
    [InlineData(25, 8)]
    public void Run_CallsTheWorkOnceForEachIndex(int count, int workers)
    {
        var calls = new ConcurrentBag<int>();

        AgentWorkers.Run([.. Enumerable.Range(0, count).Select(i => (long)i)], calls.Add, workers, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, count), calls.Order());
    }

    [Fact]
    public void Run_StartsTheLargestWorkFirst()
    {
        var started = new ConcurrentQueue<int>();

        AgentWorkers.Run([10, 30, 20], started.Enqueue, workers: 1, CancellationToken.None);

        Assert.Equal([1, 2, 0], started);
    }

    [Fact]
    public void Run_RethrowsTheWorksException_AndStartsNoMoreWork()
    {
        int calls = 0;

        var thrown = Assert.Throws<InvalidDataException>(() => AgentWorkers.Run(
            [.. Enumerable.Repeat(1L, 1000)],
            _ =>
            {
                Interlocked.Increment(ref calls);
                throw new InvalidDataException("unreadable");
            },
            workers: 2,
            CancellationToken.None));

        // Each worker stops at its first failure, so at most one piece per worker ran.
        Assert.Equal("unreadable", thrown.Message);
        Assert.InRange(calls, 1, 2);
    }

    [Fact]
    public void Run_WhenCancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => AgentWorkers.Run([1, 2, 3], _ => { }, workers: 2, cancellation.Token));
    }
}
