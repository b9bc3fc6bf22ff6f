namespace PlexImprove.Core.Logs;

/// <summary>What reading one file found, besides its records.</summary>
internal readonly record struct FileReadStats(long Bytes, long Records, long UnparsedLines);
