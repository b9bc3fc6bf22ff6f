using System.Diagnostics;
using PlexImprove.Sandbox.Emulator;
using PlexImprove.Sandbox.Hosting;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Sandbox.Benchmarks;

/// <summary>
/// Times refreshes end to end through the real client path: HTTP PUT to the emulator, search and update in
/// the Python 2.7 plugin against the fake site, completion seen on the notifications websocket.
/// </summary>
public static class SandboxBenchmark
{
    public static async Task<SandboxBenchmarkResult> RunAsync(string demoRoot, Python27Runtime python, int singles, int batch, int concurrency, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "plex-sandbox-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            BenchScenario.Write(demoRoot, Path.Combine(root, "scenario"), 1 + singles + batch);
            await using var sandbox = await SandboxHost.StartAsync(
                new SandboxOptions { ScenarioRoot = Path.Combine(root, "scenario"), Dir = Path.Combine(root, "run"), Port = 0, RefreshWorkers = concurrency },
                python, TimeProvider.System, ct).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = new Uri(sandbox.Connection.Url) };
            http.DefaultRequestHeaders.Add("X-Plex-Token", sandbox.Connection.Token);
            await using var waiter = await RefreshWaiter.ConnectAsync(sandbox.Connection.Url, sandbox.Connection.Token, ct).ConfigureAwait(false);
            while (sandbox.Notifications.ClientCount == 0)
            {
                await Task.Delay(5, ct).ConfigureAwait(false);
            }

            // The first refresh starts the plugin process; it is reported apart.
            var pluginStart = await TimeRefreshAsync(http, waiter, "1", ct).ConfigureAwait(false);
            var single = new List<TimeSpan>();
            for (var i = 0; i < singles; i++)
            {
                single.Add(await TimeRefreshAsync(http, waiter, (2 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false));
            }

            using var gate = new SemaphoreSlim(concurrency);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(2 + singles, batch).Select(async rk =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await TimeRefreshAsync(http, waiter, rk.ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            })).ConfigureAwait(false);
            var batchTime = watch.Elapsed;
            var updated = sandbox.Library.Items.Count(i => i.LastRefresh == RefreshOutcome.Updated);
            return new SandboxBenchmarkResult(pluginStart, single, batchTime, batch, concurrency, updated);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder; leaving it is harmless.
            }
        }
    }

    private static async Task<TimeSpan> TimeRefreshAsync(HttpClient http, RefreshWaiter waiter, string ratingKey, CancellationToken ct)
    {
        var done = waiter.Expect(ratingKey);
        var watch = Stopwatch.StartNew();
        using var response = await http.PutAsync(new Uri($"/library/metadata/{ratingKey}/refresh", UriKind.Relative), null, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await done.WaitAsync(TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
        return watch.Elapsed;
    }
}
