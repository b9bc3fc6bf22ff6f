using System.Security.Cryptography;
using System.Text.Json;
using PlexImprove.Core.Changes.Gate;
using PlexImprove.Core.Commands;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Python.Gate;

/// <summary>
/// The syntax gate and Plex loader lint, run by <c>python/plex_gate.py</c> under a real Python 2.7
/// (tools <c>check_python27</c> and <c>lint_plex_loader</c>). Many files go to one interpreter process:
/// identical contents are checked once, and the distinct ones are spread over at most one process per core.
/// Sources travel over stdin, so nothing (no .pyc, no temporary copy) is written to disk.
/// </summary>
public sealed class Python27CodeGate : ICodeGate
{
    private readonly Python27Runtime _runtime;
    private readonly Python27CodeGateOptions _options;
    private readonly string _scriptPath;
    private int _processesStarted;
    private long _cpuMicroseconds;

    public Python27CodeGate(Python27Runtime runtime, Python27CodeGateOptions? options = null)
    {
        _runtime = runtime;
        _options = options ?? new Python27CodeGateOptions();
        _scriptPath = _options.ScriptPath ?? DefaultScriptPath;
        if (!File.Exists(_scriptPath))
        {
            throw new CodeGateFailedException($"The checker script '{_scriptPath}' is missing; rebuild plex-improve.");
        }
    }

    /// <summary><c>python/plex_gate.py</c> beside this assembly.</summary>
    public static string DefaultScriptPath => Path.Combine(AppContext.BaseDirectory, "python", "plex_gate.py");

    /// <summary>The interpreter in use.</summary>
    public Python27Runtime Runtime => _runtime;

    /// <summary>How many interpreter processes this gate has started so far.</summary>
    public int ProcessesStarted => Volatile.Read(ref _processesStarted);

    /// <summary>CPU time (user + system) the checker processes reported, summed; independent of how busy the machine is.</summary>
    public TimeSpan ProcessorTime => TimeSpan.FromMicroseconds(Interlocked.Read(ref _cpuMicroseconds));

    /// <summary>
    /// Compiles sources with the real Python 2.7 (tool <c>check_python27</c>): findings name file, line, column and
    /// message. No .pyc is written.
    /// </summary>
    public Task<IReadOnlyList<GateFileResult>> CheckPython27Async(IReadOnlyList<GateSource> sources, CancellationToken cancellationToken = default) =>
        CheckAsync(sources, GateChecks.Syntax, cancellationToken);

    /// <summary>
    /// Applies the rules of Plex's loader (tool <c>lint_plex_loader</c>): <c>Contents/Code/__init__.py</c> with the standard
    /// rules, the other modules with the bundle's policy, libraries unrestricted. Each finding has a severity
    /// (<c>load</c>: Plex refuses the file; <c>runtime</c>: the line fails when it runs), a rule id, line, Plex's own
    /// message and how to fix it. A source that does not compile cannot be linted: it gets its syntax finding instead.
    /// </summary>
    public Task<IReadOnlyList<GateFileResult>> LintPlexLoaderAsync(IReadOnlyList<GateSource> sources, CancellationToken cancellationToken = default) =>
        CheckAsync(sources, GateChecks.Lint, cancellationToken);

    /// <summary>
    /// Checks Python 2.7 sources (tool <c>check_python27</c> with <see cref="GateChecks.Syntax"/>,
    /// <c>lint_plex_loader</c> with <see cref="GateChecks.Lint"/>): returns one result per source, in order,
    /// with findings naming file, line, column, rule, message and how to fix it.
    /// </summary>
    public async Task<IReadOnlyList<GateFileResult>> CheckAsync(IReadOnlyList<GateSource> sources, GateChecks checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            return [];
        }

        // Identical bytes under the same rules give identical findings: check each distinct content once.
        var keys = sources.Select(s => $"{Convert.ToHexStringLower(SHA256.HashData(s.Content.Span))}|{CodeRole.Of(s.Name)}|{s.Policy}").ToArray();
        var distinct = new Dictionary<string, GateSource>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            distinct.TryAdd(keys[i], sources[i]);
        }

        var batches = Partition([.. distinct], ProcessCount(distinct.Count));
        var answers = await Task.WhenAll(batches.Select(b => RunBatchAsync(b, checks, cancellationToken))).ConfigureAwait(false);
        var byKey = new Dictionary<string, GateAnswerResult>(StringComparer.Ordinal);
        foreach (var (batch, answer) in batches.Zip(answers))
        {
            if (answer.Results.Count != batch.Count)
            {
                throw new CodeGateFailedException($"The Python 2.7 checker answered for {answer.Results.Count} of {batch.Count} files.");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                byKey[batch[i].Key] = answer.Results[i];
            }
        }

        var results = new GateFileResult[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            var answer = byKey[keys[i]];
            var name = sources[i].Name;
            results[i] = new GateFileResult
            {
                File = name,
                Parsed = answer.Parsed,
                Role = answer.Role,
                Policy = answer.Policy,
                Findings = [.. answer.Findings.Select(f => new CodeFinding
                {
                    Check = f.Check, Rule = f.Rule, Severity = f.Severity, File = name, Line = f.Line, Column = f.Column,
                    Message = f.Message, Fix = f.Fix, Code = f.Code,
                })],
            };
        }

        return results;
    }

    private int ProcessCount(int distinctFiles)
    {
        var max = _options.MaxProcesses > 0 ? _options.MaxProcesses : Environment.ProcessorCount;
        return Math.Clamp(Math.Min(max, distinctFiles), 1, 64);
    }

    /// <summary>Spreads files over batches by size (largest first into the lightest batch), keeping each batch's order stable.</summary>
    private static List<List<KeyValuePair<string, GateSource>>> Partition(List<KeyValuePair<string, GateSource>> files, int count)
    {
        var batches = Enumerable.Range(0, count).Select(_ => new List<KeyValuePair<string, GateSource>>()).ToList();
        var weights = new long[count];
        foreach (var file in files.OrderByDescending(f => f.Value.Content.Length))
        {
            var lightest = Array.IndexOf(weights, weights.Min());
            batches[lightest].Add(file);
            weights[lightest] += file.Value.Content.Length + 4096;
        }

        return [.. batches.Where(b => b.Count > 0)];
    }

    private async Task<GateAnswer> RunBatchAsync(List<KeyValuePair<string, GateSource>> batch, GateChecks checks, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Serialize(new
        {
            checks = new[] { checks.HasFlag(GateChecks.Syntax) ? "syntax" : null, checks.HasFlag(GateChecks.Lint) ? "lint" : null }.Where(c => c is not null),
            files = batch.Select(f => new
            {
                name = f.Value.Name,
                source = Convert.ToBase64String(f.Value.Content.Span),
                policy = f.Value.Policy == PluginCodePolicy.Elevated ? "elevated" : "standard",
                role = CodeRole.Of(f.Value.Name),
                modules = f.Value.BundleModules,
                builtinsReinstated = f.Value.BuiltinsReinstated,
            }),
        });
        Interlocked.Increment(ref _processesStarted);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(_runtime.StartInfo([_scriptPath]), request, _options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new CodeGateFailedException($"The Python 2.7 checker did not finish: {e.Message}", e);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            throw new CodeGateFailedException($"The Python 2.7 interpreter '{_runtime.ExecutablePath}' could not be started: {e.Message}. Run '{PrintedCommand.Of("doctor")}'.", e);
        }

        if (result.ExitCode != 0)
        {
            var tail = string.Join(Environment.NewLine, result.StandardError.Trim().Split('\n').TakeLast(5));
            throw new CodeGateFailedException($"The Python 2.7 checker failed (exit code {result.ExitCode}): {tail}");
        }

        try
        {
            var answer = JsonSerializer.Deserialize<GateAnswer>(result.StandardOutput)
                         ?? throw new CodeGateFailedException("The Python 2.7 checker gave an empty answer.");
            Interlocked.Add(ref _cpuMicroseconds, (long)(answer.CpuSeconds * 1_000_000));
            return answer;
        }
        catch (JsonException e)
        {
            throw new CodeGateFailedException($"The Python 2.7 checker's answer is not JSON ({e.Message}).", e);
        }
    }
}
