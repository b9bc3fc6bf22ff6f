using PlexImprove.Core.Errors;

namespace PlexImprove.Plex.Client;

/// <summary>
/// Keeps one <c>X-Plex-Client-Identifier</c> per work folder, generated on first use, so Plex sees the same
/// device on every run instead of a new one each time.
/// </summary>
public static class ClientIdentifierStore
{
    /// <summary>The file name inside the work folder.</summary>
    public const string FileName = "plex_client_identifier";

    /// <summary>Reads the identifier from <paramref name="workDir"/>, creating it (and the folder) when missing.</summary>
    public static string LoadOrCreate(string workDir)
    {
        string path = Path.Combine(workDir, FileName);
        try
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing)
            {
                return existing;
            }

            Directory.CreateDirectory(workDir);
            string created = "plex-improve-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(path, created + "\n");
            return created;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"Cannot keep the Plex client identifier in '{path}': {e.Message}. Check Run:WorkDir (or --work).", e);
        }
    }
}
