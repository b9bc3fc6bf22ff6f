using System.CommandLine;
using PlexImprove.Cli.Hosting;
using PlexImprove.Cli.Hosting.Install;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Cli.Commands;

/// <summary><c>doctor</c>: which Python 2.7 is used and why every other candidate is skipped, every file read and where it came from, and the folders and settings in use.</summary>
public static class DoctorCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("doctor", "Show which Python 2.7 interpreter is used (and why each other candidate is skipped), every file read and where it came from, and the configured folders.");
        command.Options.Add(json);
        command.SetAction(context, async (parseResult, cancellationToken) =>
        {
            var candidates = await new Python27Locator(ChangeServices.LocatorOptions(context)).DiscoverAllAsync(cancellationToken).ConfigureAwait(false);
            var used = candidates.FirstOrDefault(c => c.Used);
            var pluginsDir = ChangeServices.PluginsDir(context, null);
            var work = ChangeServices.Work(context, null);
            var folders = new
            {
                pluginsDir = new { path = pluginsDir, exists = Directory.Exists(pluginsDir), bundles = Directory.Exists(pluginsDir) ? Directory.EnumerateDirectories(pluginsDir, "*.bundle").Count() : 0 },
                workDir = new { path = work.FullPath, exists = Directory.Exists(work.FullPath) },
            };
            var plex = new { url = context.Settings.Plex.Url, tokenConfigured = context.Secrets.PlexToken is not null };
            var llm = new { apiKeyConfigured = context.Secrets.OpenAiApiKey is not null };
            var tls = used is null ? null : await ProbeTlsAsync(context, cancellationToken).ConfigureAwait(false);
            var invocation = ProgramInvocation.Current();
            var files = LayoutReport.Entries(context);
            if (parseResult.GetValue(json))
            {
                await JsonOutput.WriteAsync(context, new
                {
                    python27 = new
                    {
                        found = used is not null,
                        used = used is null ? null : new { path = used.Path, version = used.Version, source = used.Source.ToString() },
                        candidates = candidates.Select(c => new { source = c.Source.ToString(), path = c.Path, used = c.Used, version = c.Version, reason = c.Reason }),
                    },
                    tls = tls is null ? null : new { works = tls.Value.Works, detail = tls.Value.Detail },
                    program = new { kind = invocation.Kind.ToString(), command = invocation.Command, path = invocation.ProgramPath, installed = context.Layout.Installed },
                    files = files.Select(f => new { name = f.Name, path = f.Path, origin = f.Origin, state = f.State, found = f.Found }),
                    folders,
                    plex,
                    llm,
                }).ConfigureAwait(false);
            }
            else
            {
                var o = context.Out;
                await o.WriteLineAsync($"Program:         {invocation.Command} ({invocation.Describe()}{(invocation.Command.Trim('"') == invocation.ProgramPath ? "" : $": {invocation.ProgramPath}")})").ConfigureAwait(false);
                await o.WriteLineAsync("Files (later settings and .env files win):").ConfigureAwait(false);
                foreach (var file in files)
                {
                    await o.WriteLineAsync($"  {file.Name,-13} {file.Path} ({file.State}; {file.Origin})").ConfigureAwait(false);
                }

                await o.WriteLineAsync("Python 2.7 (checks agent code; Python 3 is never used for that):").ConfigureAwait(false);
                foreach (var candidate in candidates)
                {
                    var mark = candidate.Used ? "USED   " : "skipped";
                    var environment = candidate.Environment.Count == 0 ? "" : $" [{string.Join(", ", candidate.Environment.Select(e => $"{e.Key}={e.Value}"))}]";
                    await o.WriteLineAsync($"  {mark} {Python27Locator.Describe(candidate.Source),-16} {candidate.Path}{environment}: {candidate.Reason}").ConfigureAwait(false);
                }

                if (tls is { } probe)
                {
                    await o.WriteLineAsync(probe.Works
                        ? $"TLS:             works ({probe.Detail})"
                        : $"TLS:             not available ({probe.Detail}); agents using https fail in the sandbox. Run {context.Layout.ProvisionScript} to unpack libssl1.1 beside the interpreter.").ConfigureAwait(false);
                }

                await o.WriteLineAsync($"Plug-ins folder: {folders.pluginsDir.path} ({(folders.pluginsDir.exists ? $"{folders.pluginsDir.bundles} bundle(s)" : "missing: set Plex:PluginsDir or pass --plugins")})").ConfigureAwait(false);
                await o.WriteLineAsync($"Work folder:     {folders.workDir.path} ({(folders.workDir.exists ? "exists" : "created on first apply")})").ConfigureAwait(false);
                await o.WriteLineAsync($"Plex:            {plex.url} (token {(plex.tokenConfigured ? "configured" : "not configured: set PLEX_TOKEN in .env")})").ConfigureAwait(false);
                await o.WriteLineAsync($"LLM:             API key {(llm.apiKeyConfigured ? "configured" : "not configured (OPENAI_API_KEY)")}").ConfigureAwait(false);
            }

            if (used is null)
            {
                await context.Error.WriteLineAsync($"error: {Python27Locator.NotFound(candidates, Python27Guidance.ProvisionStep(context)).Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Whether the interpreter in use imports <c>ssl</c> (agents' https requests need it).</summary>
    private static async Task<(bool Works, string Detail)?> ProbeTlsAsync(CliContext context, CancellationToken cancellationToken)
    {
        try
        {
            var runtime = await ChangeServices.LocatePythonAsync(context, cancellationToken).ConfigureAwait(false);
            var result = await ProcessRunner.RunAsync(runtime.StartInfo(["-c", "import ssl; print ssl.OPENSSL_VERSION"]), "", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            var detail = result.ExitCode == 0
                ? result.StandardOutput.Trim()
                : result.StandardError.Trim().Split('\n').LastOrDefault()?.Trim() ?? $"exit code {result.ExitCode}";
            return (result.ExitCode == 0, detail);
        }
        catch (Exception e) when (e is Python27NotFoundException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
