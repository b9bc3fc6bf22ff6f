using System.Globalization;

namespace PlexImprove.Core.Logs;

/// <summary>
/// The Framework's log line layout:
/// <c>%(asctime)s (%(thread)x) :  %(levelname)s (%(module)s:%(lineno)d) - %(message)s</c>
/// — two spaces after <c> :</c>, milliseconds after a comma, thread id in lowercase hex.
/// </summary>
public static class PluginLogFormat
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss,fff";

    /// <summary>Formats one header line exactly as the Framework writes it.</summary>
    public static string FormatHeader(DateTime timestamp, string threadId, PluginLogLevel level, string module, int sourceLine, string message) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{timestamp.ToString(TimestampFormat, CultureInfo.InvariantCulture)} ({threadId}) :  {LevelName(level)} ({module}:{sourceLine}) - {message}");

    /// <summary>The upper-case name the Framework writes for a level.</summary>
    public static string LevelName(PluginLogLevel level) => level switch
    {
        PluginLogLevel.Debug => "DEBUG",
        PluginLogLevel.Info => "INFO",
        PluginLogLevel.Warning => "WARNING",
        PluginLogLevel.Error => "ERROR",
        _ => "CRITICAL",
    };
}
