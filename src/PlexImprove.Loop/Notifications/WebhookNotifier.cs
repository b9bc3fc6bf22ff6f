using System.Net.Http.Json;
using PlexImprove.Loop.State;
using PlexImprove.Plex.Resilience;

namespace PlexImprove.Loop.Notifications;

/// <summary>
/// <c>Notify:WebhookUrl</c>: POSTs a <see cref="RunNotification"/> as JSON, retrying up to <see cref="Attempts"/> times
/// with a growing pause; a receiver's <c>Retry-After</c> is honoured up to <see cref="MaxRetryAfter"/> and a longer one
/// ends the sending (the program's one retry rule, <see cref="RetryAfterPolicy"/>); a 4xx other than 408/429 is not retried. Sending runs in the background and never fails the run; <see cref="FlushAsync"/> waits a
/// bounded time at the end so the last message is not lost when the program exits, and disposing stops what is left.
/// </summary>
public sealed class WebhookNotifier : IDisposable
{
    public const int Attempts = 3;

    /// <summary>The pause after the first failed attempt, doubled after each further one.</summary>
    public static readonly TimeSpan DefaultFirstPause = TimeSpan.FromSeconds(1);

    /// <summary>One attempt's time limit: a receiver that hangs must not hold back the end of the program.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>Retry-After</c> waited for; a receiver asking for more is not retried.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly TimeSpan _firstPause;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _pending = [];
    private readonly Lock _gate = new();

    /// <param name="url">The receiver.</param>
    /// <param name="handler">The innermost HTTP handler (default: the platform's).</param>
    /// <param name="firstPause">The pause after the first failed attempt (default <see cref="DefaultFirstPause"/>).</param>
    /// <param name="time">The clock of the pauses, the attempts' time limit and <see cref="FlushAsync"/>.</param>
    public WebhookNotifier(Uri url, HttpMessageHandler? handler = null, TimeSpan? firstPause = null, TimeProvider? time = null)
    {
        _url = url;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = Timeout.InfiniteTimeSpan; // the attempt's own token, on _time, sets the limit
        _firstPause = firstPause ?? DefaultFirstPause;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>What went wrong with each failed attempt (the run goes on regardless).</summary>
    public IReadOnlyList<string> Failures { get; private set; } = [];

    /// <summary>Queues the POST and returns at once.</summary>
    public void Notify(RunNotification notification)
    {
        lock (_gate)
        {
            _pending.Add(Task.Run(() => SendAsync(notification, _stopping.Token)));
        }
    }

    /// <summary>A notification from a run's state.</summary>
    public static RunNotification From(LoopState state, string workDir, string? reportPath) => new()
    {
        Event = state.Status.ToString().ToLowerInvariant(),
        WorkDir = workDir,
        Iteration = state.Iteration,
        ExitCondition = state.ExitCondition,
        Reason = state.Status == LoopStatus.Finished ? state.ExitReason : state.StopReason,
        BaselineSuccess = state.Baseline?.Overall.Rate,
        FinalSuccess = (state.Final ?? state.Current)?.Overall.Rate,
        Report = reportPath,
        ResumeCommand = state.Status == LoopStatus.Finished ? null : state.ResumeCommand,
    };

    /// <summary>Waits for queued notifications, at most <paramref name="max"/>.</summary>
    public async Task FlushAsync(TimeSpan max)
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        using var waited = new CancellationTokenSource();
        var timeLimit = Task.Delay(max, _time, waited.Token);
        await Task.WhenAny(Task.WhenAll(pending), timeLimit).ConfigureAwait(false);
        await waited.CancelAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(RunNotification notification, CancellationToken stopping)
    {
        var pause = _firstPause;
        for (int attempt = 1; attempt <= Attempts && !stopping.IsCancellationRequested; attempt++)
        {
            TimeSpan? requested = null;
            try
            {
                using var limit = new CancellationTokenSource(AttemptTimeout, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, limit.Token);
                using var response = await _http.PostAsJsonAsync(_url, notification, linked.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                if (RetryAfterPolicy.BeyondCap(response, MaxRetryAfter, _time) is { } tooLong)
                {
                    Fail($"attempt {attempt}: HTTP {(int)response.StatusCode}, asked to wait {tooLong.TotalSeconds:0} s (Retry-After), longer than the {MaxRetryAfter.TotalSeconds:0} s waited for; not retried");
                    return;
                }

                if (!RetryAfterPolicy.IsTransient(response.StatusCode))
                {
                    Fail($"attempt {attempt}: HTTP {(int)response.StatusCode}; not retried");
                    return;
                }

                Fail($"attempt {attempt}: HTTP {(int)response.StatusCode}");
                requested = RetryAfterPolicy.Requested(response, _time);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                Fail($"attempt {attempt}: no answer within {(int)AttemptTimeout.TotalSeconds} s");
            }
            catch (HttpRequestException e)
            {
                Fail($"attempt {attempt}: {e.Message}");
            }

            if (attempt < Attempts)
            {
                try
                {
                    await Task.Delay(requested ?? pause, _time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause *= 2;
            }
        }
    }

    private void Fail(string failure)
    {
        lock (_gate)
        {
            Failures = [.. Failures, failure];
        }
    }

    /// <summary>Stops the sends still under way (pauses included) and releases the connection.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _http.Dispose();
    }
}
