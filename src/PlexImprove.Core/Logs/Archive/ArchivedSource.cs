using System.Text.Json.Serialization;

namespace PlexImprove.Core.Logs.Archive;

/// <summary>
/// One live log file the archive has read from, known by its content: the hash of its first line (a Framework start
/// line with a millisecond timestamp), whatever its name is now (<c>.log</c> today, <c>.log.1</c> after the next start).
/// </summary>
public sealed class ArchivedSource
{
    [JsonPropertyName("head")]
    public required string Head { get; init; }

    /// <summary>Bytes of the file already archived (always up to the end of a complete line).</summary>
    [JsonPropertyName("bytes")]
    public long Bytes { get; set; }
}
