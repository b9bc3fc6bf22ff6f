using System.Diagnostics;

namespace PlexImprove.Python.Runtime;

/// <summary>
/// A verified Python 2.7 interpreter and the environment it needs. Start every Python 2.7 process through
/// <see cref="StartInfo"/> so it gets that environment, never writes <c>.pyc</c> files, and does not pick up a
/// Python 3 <c>PYTHONPATH</c>. Find one with <see cref="Python27Locator"/>.
/// </summary>
public sealed class Python27Runtime
{
    public Python27Runtime(string executablePath, IReadOnlyDictionary<string, string> environment, string version, InterpreterSource source)
    {
        ExecutablePath = executablePath;
        Environment = environment;
        Version = version;
        Source = source;
    }

    /// <summary>The interpreter executable.</summary>
    public string ExecutablePath { get; }

    /// <summary>Extra environment variables (PYTHONHOME, LD_LIBRARY_PATH) the interpreter needs.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The version it reported, for example <c>2.7.18</c>.</summary>
    public string Version { get; }

    /// <summary>Where it was found.</summary>
    public InterpreterSource Source { get; }

    /// <summary>
    /// A start description for <c>python ARGS</c>: arguments passed verbatim, stdin/stdout/stderr redirected,
    /// no shell, no window, UTF-8 I/O, no bytecode written, PYTHONPATH/PYTHONSTARTUP removed.
    /// </summary>
    /// <param name="arguments">Interpreter arguments, for example a script path and its arguments.</param>
    /// <param name="workingDirectory">The process's current folder; null keeps ours.</param>
    public ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(ExecutablePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("PYTHONPATH");
        info.Environment.Remove("PYTHONSTARTUP");
        info.Environment.Remove("PYTHONHOME");
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        if (BundledTlsLibraryFolder(info.Environment.TryGetValue("PYTHONHOME", out var home) ? home : null) is { } tls &&
            !Environment.ContainsKey("LD_LIBRARY_PATH"))
        {
            info.Environment["LD_LIBRARY_PATH"] = tls;
        }

        return info;
    }

    /// <summary>
    /// The folder holding the OpenSSL 1.1 libraries unpacked beside a provisioned interpreter
    /// (<c>scripts/setup-python27.sh</c> puts Debian bullseye's <c>libssl1.1</c> into <c>PYTHONHOME/lib/&lt;triplet&gt;</c>),
    /// so <c>import ssl</c> works without changing the system's library settings; null when there is none.
    /// </summary>
    public static string? BundledTlsLibraryFolder(string? pythonHome)
    {
        var lib = pythonHome is null ? null : Path.Combine(pythonHome, "lib");
        if (lib is null || !Directory.Exists(lib))
        {
            return null;
        }

        return Directory.EnumerateDirectories(lib, "*-linux-gnu")
            .FirstOrDefault(folder => File.Exists(Path.Combine(folder, "libssl.so.1.1")));
    }

    /// <inheritdoc />
    public override string ToString() => $"{ExecutablePath} (Python {Version}, {Source})";
}
