using System.Text.Json.Serialization;

namespace PlexImprove.Core.Logs.Archive;

/// <summary>One agent's archive file: its length when the index was last saved, and the live files it was read from.</summary>
public sealed class ArchivedAgent
{
    /// <summary>
    /// The archive file's length the index vouches for: bytes past it were appended by a process killed before it
    /// saved the index, so they are cut off and read again from the live file (each line is archived once).
    /// </summary>
    [JsonPropertyName("length")]
    public long Length { get; set; }

    [JsonPropertyName("sources")]
    public List<ArchivedSource> Sources { get; init; } = [];
}
