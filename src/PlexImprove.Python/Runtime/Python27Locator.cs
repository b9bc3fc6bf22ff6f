using System.Runtime.InteropServices;

namespace PlexImprove.Python.Runtime;

/// <summary>
/// Finds a Python 2.7 interpreter, in order: the configured <c>Python27:Path</c>; <c>python2.7</c> / <c>python2</c>
/// on PATH (each must report 2.7); Plex's "Plex Script Host" at the operating system's default location
/// (with the PYTHONHOME / LD_LIBRARY_PATH it needs); the project-local <c>.tools/python2.7</c>. Each candidate
/// is run once to verify it really is 2.7.
/// </summary>
public sealed class Python27Locator
{
    private const string VersionProbe = "import sys; sys.stdout.write('%d.%d.%d' % sys.version_info[:3])";
    private readonly Python27LocatorOptions _options;

    public Python27Locator(Python27LocatorOptions options) => _options = options;

    /// <summary>The first working Python 2.7.</summary>
    /// <exception cref="Python27NotFoundException">None works; the message says how to provide one.</exception>
    public async Task<Python27Runtime> LocateAsync(CancellationToken cancellationToken = default)
    {
        var candidates = Candidates();
        foreach (var candidate in candidates)
        {
            var runtime = await ProbeAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (runtime is not null)
            {
                return runtime;
            }
        }

        throw NotFound(candidates, _options.ProvisionStep);
    }

    /// <summary>Tries every candidate (for <c>doctor</c>): the first working one is marked used, the others say why they are skipped.</summary>
    public async Task<IReadOnlyList<InterpreterCandidate>> DiscoverAllAsync(CancellationToken cancellationToken = default)
    {
        var candidates = Candidates();
        var found = false;
        foreach (var candidate in candidates)
        {
            var runtime = await ProbeAsync(candidate, cancellationToken).ConfigureAwait(false);
            if (runtime is null)
            {
                continue;
            }

            if (found)
            {
                candidate.Reason = $"works (Python {candidate.Version}) but an earlier candidate is used";
            }
            else
            {
                found = true;
                candidate.Used = true;
            }
        }

        return candidates;
    }

    /// <summary>The exception for "no Python 2.7", listing every way to provide one and why each candidate failed.</summary>
    /// <param name="candidates">Every candidate tried, with why it failed.</param>
    /// <param name="provisionStep">Step 2 as this installation should do it; null names the repository's provisioning script.</param>
    public static Python27NotFoundException NotFound(IReadOnlyList<InterpreterCandidate> candidates, string? provisionStep = null)
    {
        var hosts = string.Join(", ", DefaultScriptHosts().Select(h => $"'{h.Path}'"));
        var tried = string.Join(Environment.NewLine, candidates.Select(c => $"  - {Describe(c.Source)} {c.Path}: {c.Reason}".Replace(" : ", ": ", StringComparison.Ordinal)));
        var message =
            "No Python 2.7 interpreter was found. Plex agents are Python 2.7 code and are checked only with Python 2.7 " +
            "(Python 3 rejects valid 2.7 code). Provide one in any of these ways:" + Environment.NewLine +
            "  1. set Python27:Path in appsettings.json or appsettings.Local.json (or the environment variable PLEXIMPROVE__Python27__Path) " +
            "to a python2.7 executable, plus Python27:Home when it needs a PYTHONHOME;" + Environment.NewLine +
            "  2. " + (provisionStep ?? "run ./scripts/setup-python27.sh to provision CPython 2.7.18 into .tools/python2.7 (Debian-like systems, no root needed);") + Environment.NewLine +
            $"  3. install Plex Media Server on this machine: its Plex Script Host is used from {hosts}." + Environment.NewLine +
            "Tried:" + Environment.NewLine + tried;
        return new Python27NotFoundException(message, candidates);
    }

    /// <summary>Plex Script Host's default location on this operating system, with the environment it needs.</summary>
    public static IReadOnlyList<InterpreterCandidate> DefaultScriptHosts()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var roots = new[] { Environment.GetEnvironmentVariable("ProgramFiles(x86)"), Environment.GetEnvironmentVariable("ProgramFiles") }
                .Where(r => !string.IsNullOrEmpty(r)).Distinct(StringComparer.OrdinalIgnoreCase);
            return
            [
                .. roots.Select(root =>
                {
                    var install = Path.Combine(root!, "Plex", "Plex Media Server");
                    return new InterpreterCandidate
                    {
                        Source = InterpreterSource.PlexScriptHost,
                        Path = Path.Combine(install, "PlexScriptHost.exe"),
                        Environment = new Dictionary<string, string> { ["PYTHONHOME"] = Path.Combine(install, "Resources", "Python") },
                    };
                }),
            ];
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            const string app = "/Applications/Plex Media Server.app/Contents";
            return
            [
                new InterpreterCandidate
                {
                    Source = InterpreterSource.PlexScriptHost,
                    Path = $"{app}/MacOS/Plex Script Host",
                    Environment = new Dictionary<string, string> { ["PYTHONHOME"] = $"{app}/Resources/Python" },
                },
            ];
        }

        const string linux = "/usr/lib/plexmediaserver";
        return
        [
            new InterpreterCandidate
            {
                Source = InterpreterSource.PlexScriptHost,
                Path = $"{linux}/Plex Script Host",
                Environment = new Dictionary<string, string>
                {
                    ["PYTHONHOME"] = $"{linux}/Resources/Python",
                    ["LD_LIBRARY_PATH"] = $"{linux}/lib",
                },
            },
        ];
    }

    /// <summary>The project-local interpreter provisioned by <c>scripts/setup-python27.sh</c>.</summary>
    public static InterpreterCandidate ProjectLocal(string projectRoot)
    {
        var home = Path.Combine(projectRoot, ".tools", "python2.7", "usr");
        return new InterpreterCandidate
        {
            Source = InterpreterSource.ProjectLocal,
            Path = Path.Combine(home, "bin", OperatingSystem.IsWindows() ? "python2.7.exe" : "python2.7"),
            Environment = new Dictionary<string, string> { ["PYTHONHOME"] = home },
        };
    }

    private List<InterpreterCandidate> Candidates()
    {
        var list = new List<InterpreterCandidate>();
        if (string.IsNullOrWhiteSpace(_options.ConfiguredPath))
        {
            list.Add(new InterpreterCandidate { Source = InterpreterSource.Configured, Path = "", Reason = "Python27:Path is not set" });
        }
        else
        {
            var environment = new Dictionary<string, string>();
            if (!string.IsNullOrWhiteSpace(_options.ConfiguredHome))
            {
                environment["PYTHONHOME"] = _options.ConfiguredHome;
            }

            list.Add(new InterpreterCandidate { Source = InterpreterSource.Configured, Path = _options.ConfiguredPath, Environment = environment });
        }

        var searchPath = _options.SearchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in new[] { "python2.7", "python2" })
        {
            var found = FindOnPath(name, searchPath);
            list.Add(new InterpreterCandidate
            {
                Source = InterpreterSource.SearchPath,
                Path = found ?? name,
                Reason = found is null ? "not on PATH" : "",
            });
        }

        list.AddRange((_options.ScriptHosts ?? DefaultScriptHosts()).Select(h => new InterpreterCandidate
        {
            Source = InterpreterSource.PlexScriptHost, Path = h.Path, Environment = h.Environment,
        }));
        list.Add(_options.ProjectRoot is null
            ? new InterpreterCandidate { Source = InterpreterSource.ProjectLocal, Path = ".tools/python2.7", Reason = "the project folder is unknown" }
            : ProjectLocal(_options.ProjectRoot));
        return list;
    }

    private async Task<Python27Runtime?> ProbeAsync(InterpreterCandidate candidate, CancellationToken cancellationToken)
    {
        if (candidate.Reason.Length > 0)
        {
            return null; // already known to be unusable (not configured, not on PATH)
        }

        if (!File.Exists(candidate.Path))
        {
            candidate.Reason = "not found";
            return null;
        }

        var runtime = new Python27Runtime(candidate.Path, candidate.Environment, "", candidate.Source);
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(runtime.StartInfo(["-c", VersionProbe]), input: null, _options.ProbeTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or TimeoutException or UnauthorizedAccessException)
        {
            candidate.Reason = $"does not run ({e.Message})";
            return null;
        }

        var version = result.StandardOutput.Trim();
        if (result.ExitCode != 0 || version.Length == 0)
        {
            var detail = result.StandardError.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            candidate.Reason = $"does not run (exit code {result.ExitCode}{(string.IsNullOrEmpty(detail) ? "" : $": {detail}")})";
            return null;
        }

        candidate.Version = version;
        if (!version.StartsWith("2.7.", StringComparison.Ordinal))
        {
            candidate.Reason = $"reports Python {version}, not 2.7";
            return null;
        }

        candidate.Reason = $"Python {version}";
        return new Python27Runtime(candidate.Path, candidate.Environment, version, candidate.Source);
    }

    private static string? FindOnPath(string name, string searchPath)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name } : [name];
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in names)
            {
                var full = Path.Combine(folder.Trim('"'), candidate);
                if (File.Exists(full))
                {
                    return full;
                }
            }
        }

        return null;
    }

    /// <summary>How a source is named in messages (the setting, PATH, ...).</summary>
    public static string Describe(InterpreterSource source) => source switch
    {
        InterpreterSource.Configured => "Python27:Path",
        InterpreterSource.SearchPath => "PATH",
        InterpreterSource.PlexScriptHost => "Plex Script Host",
        _ => "project-local",
    };
}
