namespace PlexImprove.Core.Logs.Archive;

/// <summary>What one bring-up-to-date of the archive copied: bytes and complete lines, and from how many live files.</summary>
public sealed record LogArchiveSync(long Bytes, int Lines, int Files);
