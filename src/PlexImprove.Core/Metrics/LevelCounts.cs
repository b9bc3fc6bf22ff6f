using System.Text.Json.Serialization;
using PlexImprove.Core.Logs;

namespace PlexImprove.Core.Metrics;

/// <summary>Records per Framework level.</summary>
public sealed class LevelCounts
{
    [JsonPropertyName("DEBUG")] public long Debug { get; set; }
    [JsonPropertyName("INFO")] public long Info { get; set; }
    [JsonPropertyName("WARNING")] public long Warning { get; set; }
    [JsonPropertyName("ERROR")] public long Error { get; set; }
    [JsonPropertyName("CRITICAL")] public long Critical { get; set; }

    public void Increment(PluginLogLevel level)
    {
        switch (level)
        {
            case PluginLogLevel.Debug: Debug++; break;
            case PluginLogLevel.Info: Info++; break;
            case PluginLogLevel.Warning: Warning++; break;
            case PluginLogLevel.Error: Error++; break;
            default: Critical++; break;
        }
    }

    public void Add(LevelCounts other)
    {
        Debug += other.Debug;
        Info += other.Info;
        Warning += other.Warning;
        Error += other.Error;
        Critical += other.Critical;
    }

    [JsonIgnore] public long Total => Debug + Info + Warning + Error + Critical;
}
