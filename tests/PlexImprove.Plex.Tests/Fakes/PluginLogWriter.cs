using System.Globalization;
using PlexImprove.Core.Logs;

namespace PlexImprove.Plex.Tests.Fakes;

/// <summary>Writes plugin log lines in the Framework's exact layout, and rolls files over as a plugin start does.</summary>
public sealed class PluginLogWriter
{
    private readonly object _sync = new();

    public PluginLogWriter(string logsDir, string agent)
    {
        LogsDir = logsDir;
        Agent = agent;
        Directory.CreateDirectory(logsDir);
    }

    public string LogsDir { get; }
    public string Agent { get; }
    public string CurrentFile => Path.Combine(LogsDir, Agent + ".log");

    /// <summary>Timestamp override for baseline lines; null writes the current local time.</summary>
    public DateTime? At { get; set; }

    public void Line(PluginLogLevel level, string module, int line, string message, params string[] continuation) =>
        ThreadLine("7f3a2c1fe700", level, module, line, message, continuation);

    /// <summary>One record on a given thread (concurrent refreshes log on different threads, as in Plex).</summary>
    public void ThreadLine(string thread, PluginLogLevel level, string module, int line, string message, params string[] continuation)
    {
        var time = At ?? DateTime.Now;
        if (At is { } at)
        {
            At = at.AddMilliseconds(10);
        }

        lock (_sync)
        {
            var text = PluginLogFormat.FormatHeader(time, thread, level, module, line, message) + "\n"
                + string.Concat(continuation.Select(c => c + "\n"));
            File.AppendAllText(CurrentFile, text);
        }
    }

    /// <summary>A plugin (re)start: the current file becomes <c>.log.1</c> and a fresh one starts.</summary>
    public void Start(bool loadFails = false)
    {
        lock (_sync)
        {
            for (int i = 4; i >= 1; i--)
            {
                string from = Path.Combine(LogsDir, $"{Agent}.log.{i}");
                if (File.Exists(from))
                {
                    File.Move(from, Path.Combine(LogsDir, $"{Agent}.log.{i + 1}"), overwrite: true);
                }
            }

            if (File.Exists(CurrentFile))
            {
                File.Move(CurrentFile, Path.Combine(LogsDir, $"{Agent}.log.1"), overwrite: true);
            }
        }

        Line(PluginLogLevel.Info, "core", 625, "Starting framework core - Version: 2.6.3, Build: 3a2b1c (Thu Jan 01 00:00:00 UTC 2026)");
        if (loadFails)
        {
            Line(PluginLogLevel.Critical, "core", 574, "Exception while loading code (most recent call last):",
                "  File \"/Framework/core.py\", line 563, in load_code",
                "    self.init_code = self.loader.load(self.init_path, elevated, use_xpython = Framework.constants.flags.use_xpython in self.flags)",
                "SyntaxError: invalid syntax (__init__.py, line 12)");
            return;
        }

        Line(PluginLogLevel.Info, "core", 611, "Started plug-in");
    }

    public static string ThreadOf(string ratingKey) => "7f" + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(ratingKey)).ToLowerInvariant();

    public void Search(string ratingKey, string name) =>
        ThreadLine(ThreadOf(ratingKey), PluginLogLevel.Debug, "logkit", 13, $"Searching for matches for {{'id': '{ratingKey}', 'name': '{name}', 'year': '2001'}}");

    public void SearchSucceeded(string ratingKey) =>
        ThreadLine(ThreadOf(ratingKey), PluginLogLevel.Info, "logkit", 16, "TestAgent - SEARCH:: ************ >> Successful!! << ************");

    public void SearchCrashed(string ratingKey, string exception = "HTTPError: HTTP Error 403: Forbidden") =>
        ThreadLine(ThreadOf(ratingKey), PluginLogLevel.Critical, "agentkit", 1010,
            $"Exception in the search function of agent named 'TestAgent', called with keyword arguments {{'id': '{ratingKey}'}} (most recent call last):",
            "  File \"/Framework/api/agentkit.py\", line 1010, in _search",
            "    agent.search(*f_args, **f_kwargs)",
            exception);

    public static string Temp() => Path.Combine(Path.GetTempPath(), "pi-logs-" + Guid.NewGuid().ToString("N"));

    public static string Stamp(DateTime time) => time.ToString(PluginLogFormat.TimestampFormat, CultureInfo.InvariantCulture);
}
