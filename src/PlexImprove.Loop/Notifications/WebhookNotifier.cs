using System.Net.Http.Json;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Notifications;

/// <summary>
/// <c>Notify:WebhookUrl</c>: POSTs a <see cref="RunNotification"/> as JSON, retrying up to <see cref="Attempts"/> times
/// with a growing pause. Sending runs in the background and never fails the run; <see cref="FlushAsync"/> waits a
/// bounded time at the end so the last message is not lost when the program exits.
/// </summary>
public sealed class WebhookNotifier : IDisposable
{
    public const int Attempts = 3;

    private readonly Uri _url;
    private readonly HttpClient _http;
    private readonly TimeSpan _firstPause;
    private readonly List<Task> _pending = [];
    private readonly Lock _gate = new();

    public WebhookNotifier(Uri url, HttpMessageHandler? handler = null, TimeSpan? firstPause = null)
    {
        _url = url;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(10);
        _firstPause = firstPause ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>What went wrong with each failed attempt (the run goes on regardless).</summary>
    public IReadOnlyList<string> Failures { get; private set; } = [];

    /// <summary>Queues the POST and returns at once.</summary>
    public void Notify(RunNotification notification)
    {
        lock (_gate)
        {
            _pending.Add(Task.Run(() => SendAsync(notification)));
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

        await Task.WhenAny(Task.WhenAll(pending), Task.Delay(max)).ConfigureAwait(false);
    }

    private async Task SendAsync(RunNotification notification)
    {
        var pause = _firstPause;
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            try
            {
                using var response = await _http.PostAsJsonAsync(_url, notification).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                Fail($"attempt {attempt}: HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Fail($"attempt {attempt}: {e.Message}");
            }

            if (attempt < Attempts)
            {
                await Task.Delay(pause).ConfigureAwait(false);
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

    public void Dispose() => _http.Dispose();
}
