using System.Diagnostics;
using System.Text.Json;
using PlexImprove.Cli.Rendering;
using PlexImprove.Core.Errors;
using PlexImprove.Core.Logs;
using PlexImprove.Core.Metrics;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.Notifications;
using PlexImprove.Loop.State;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Cli.Hosting;

/// <summary>What <c>run</c> and <c>demo</c> share: Python 2.7 provisioning, notifications, and printing the end of a run.</summary>
public static class LoopHosting
{
    /// <summary>The Python 2.7 to use; when there is none, provisions the project-local one with <c>scripts/setup-python27.sh</c> first.</summary>
    public static async Task<Python27Runtime> PythonAsync(CliContext context, CancellationToken ct)
    {
        try
        {
            return await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
        }
        catch (Python27NotFoundException)
        {
            var script = context.Layout.ProvisionScript;
            if (!File.Exists(script) || OperatingSystem.IsWindows())
            {
                throw;
            }

            await context.Error.WriteLineAsync($"Provisioning Python 2.7 into {Path.Combine(context.Layout.ToolsRoot, ".tools", "python2.7")} (one time; Debian packages, no root)...").ConfigureAwait(false);
            Directory.CreateDirectory(context.Layout.ToolsRoot);
            var start = new ProcessStartInfo("bash", [script]) { WorkingDirectory = context.Layout.ToolsRoot, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment[Python27Provisioner.ToolsRootVariable] = context.Layout.ToolsRoot;
            using var process = Process.Start(start) ?? throw new InvalidInputException("Could not start scripts/setup-python27.sh.");
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidInputException($"Python 2.7 could not be provisioned (scripts/setup-python27.sh exited {process.ExitCode}): {(await errors.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}");
            }

            await context.Error.WriteLineAsync("Python 2.7 is ready.").ConfigureAwait(false);
            return await ChangeServices.LocatePythonAsync(context, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The webhook notifier, when <c>Notify:WebhookUrl</c> is set.</summary>
    public static WebhookNotifier? Notifier(CliContext context)
    {
        var url = context.Settings.Notify.WebhookUrl;
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new WebhookNotifier(uri)
            : throw new InvalidInputException($"Notify:WebhookUrl is not an http(s) address.");
    }

    /// <summary>Runs <paramref name="run"/>, notifies on the end and on errors, prints the summary (or JSON) and returns the exit code.</summary>
    public static async Task<int> RunAsync(CliContext context, string workDir, bool json, Func<Task<LoopResult>> run)
    {
        using var notifier = Notifier(context);
        try
        {
            var result = await run().ConfigureAwait(false);
            notifier?.Notify(WebhookNotifier.From(result.State, workDir, result.ReportPath));
            if (json)
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(result.State, LoopJson.Options)).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteAsync(LoopSummaryRenderer.Render(result)).ConfigureAwait(false);
            }

            return result.State.ExitCondition == Loop.Exit.ExitCondition.Regression ? ExitCodes.WorkFailed : ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the coordinator saved the run as paused with the command that continues it.
            var paused = TryLoad(workDir);
            if (paused is not null)
            {
                notifier?.Notify(WebhookNotifier.From(paused, workDir, null));
            }

            if (paused?.ResumeCommand is { Length: > 0 } resume)
            {
                await context.Error.WriteLineAsync($"The run is saved. Continue it with: {resume}").ConfigureAwait(false);
            }

            throw;
        }
        catch (Exception) when (notifier is not null)
        {
            try
            {
                if (new LoopStateStore(workDir).Load() is { } state)
                {
                    notifier.Notify(WebhookNotifier.From(state, workDir, null));
                }
            }
            catch (IncompatibleWorkFolderException)
            {
                // Nothing of this run to report; the original error is what matters.
            }

            throw;
        }
        finally
        {
            if (notifier is not null)
            {
                await notifier.FlushAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Full agent identifiers from <c>--agent</c> values (<c>AEBN</c> → <c>com.plexapp.agents.AEBN</c>).</summary>
    public static IReadOnlyList<string> Agents(IEnumerable<string>? values, string? logsDir = null)
    {
        // A short name means the agent whose log identifier ends with it (AEBN, aebn → com.plexapp.agents.AEBN);
        // without a log for it yet, Plex's usual prefix.
        var known = logsDir is not null && Directory.Exists(logsDir) ? PluginLogFolder.Open(logsDir).Agents : [];
        return [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v))
            .SelectMany(v => AgentNames.Matching(v, known) is { Count: > 0 } matches
                ? matches
                : [v.Contains('.', StringComparison.Ordinal) ? v.Trim() : "com.plexapp.agents." + v.Trim()])
            .Distinct(StringComparer.Ordinal)];
    }

    private static LoopState? TryLoad(string workDir)
    {
        try
        {
            return new LoopStateStore(workDir).Load();
        }
        catch (Exception e) when (e is IOException or IncompatibleWorkFolderException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
