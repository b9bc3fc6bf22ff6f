using System.Security.Cryptography;

namespace PlexImprove.Core.Changes.Files;

/// <summary>A file's exact bytes, its Unix mode and its SHA-256, read in one go.</summary>
public sealed class FileSnapshot
{
    private FileSnapshot(byte[] content, UnixFileMode? mode)
    {
        Content = content;
        Mode = mode;
        Sha256 = HashOf(content);
    }

    public byte[] Content { get; }

    /// <summary>The Unix permission bits; null on Windows.</summary>
    public UnixFileMode? Mode { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="Content"/>.</summary>
    public string Sha256 { get; }

    /// <summary>Reads a file.</summary>
    public static FileSnapshot Read(string fullPath)
    {
        var content = File.ReadAllBytes(fullPath);
        UnixFileMode? mode = OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(fullPath);
        return new FileSnapshot(content, mode);
    }

    /// <summary>Lowercase hex SHA-256 of some bytes.</summary>
    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The hash of a file on disk, or null when it does not exist.</summary>
    public static string? HashOfFile(string fullPath) => File.Exists(fullPath) ? HashOf(File.ReadAllBytes(fullPath)) : null;

    /// <summary>True when the bytes look binary (a NUL byte in the first 8 KB), as git decides.</summary>
    public static bool LooksBinary(ReadOnlySpan<byte> content) => content[..Math.Min(content.Length, 8192)].Contains((byte)0);

    /// <summary>The mode as an octal string such as <c>0644</c> (empty when unknown).</summary>
    public static string FormatMode(UnixFileMode? mode) => mode is { } m ? "0" + Convert.ToString((int)m, 8) : "";

    /// <summary>Parses <see cref="FormatMode"/>'s output.</summary>
    public static UnixFileMode? ParseMode(string? text) =>
        string.IsNullOrEmpty(text) ? null : (UnixFileMode)Convert.ToInt32(text, 8);
}
