using System.Globalization;
using PlexImprove.Core.Changes.Files;
using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Logs;

/// <summary>
/// The plugin log files of a <c>PMS Plugin Logs</c> folder: <c>&lt;identifier&gt;.log</c> and
/// <c>&lt;identifier&gt;.log.1</c> … <c>.log.5</c>. Anything else in the folder is ignored, and so is a log whose
/// symlink leads out of the folder.
/// </summary>
public sealed class PluginLogFolder
{
    /// <summary>Plex keeps five rotations.</summary>
    public const int MaxRotation = 5;

    private PluginLogFolder(string path, IReadOnlyList<PluginLogFile> files)
    {
        Path = path;
        Files = files;
    }

    public string Path { get; }

    /// <summary>All files, grouped by agent (ordinal order), each agent's oldest first: <c>.log.5</c> … <c>.log.1</c>, <c>.log</c>.</summary>
    public IReadOnlyList<PluginLogFile> Files { get; }

    /// <summary>The agent identifiers that have at least one file.</summary>
    public IReadOnlyList<string> Agents => Files.Select(f => f.Agent).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Lists a folder; a missing or unreadable folder is an <see cref="InvalidInputException"/>.</summary>
    public static PluginLogFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new InvalidInputException(
                $"The plugin logs folder '{full}' does not exist. Expected Plex's 'PMS Plugin Logs' folder holding files such as " +
                "'com.plexapp.agents.<agent>.log'; pass it with --logs DIR or set Plex:LogsDir.");
        }

        string[] names;
        try
        {
            names = Directory.GetFiles(full);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidInputException($"The plugin logs folder '{full}' cannot be read: {e.Message}", e);
        }

        // A log that is a symlink leading out of the folder is not read: it could name any file on this machine.
        var confinement = new ConfinedRoot(full, "logs folder");
        var files = new List<PluginLogFile>();
        foreach (var file in names)
        {
            var name = System.IO.Path.GetFileName(file);
            if (TryParseName(name, out var agent, out var rotation) && confinement.Contains(file))
            {
                files.Add(new PluginLogFile(file, name, agent, rotation, new FileInfo(file).Length));
            }
        }

        files.Sort((a, b) =>
        {
            int byAgent = string.CompareOrdinal(a.Agent, b.Agent);
            return byAgent != 0 ? byAgent : b.Rotation.CompareTo(a.Rotation);
        });
        return new PluginLogFolder(full, files);
    }

    /// <summary>Splits <c>com.plexapp.agents.AEBN.log.2</c> into the agent key and rotation 2.</summary>
    public static bool TryParseName(string name, out string agent, out int rotation)
    {
        agent = "";
        rotation = 0;
        int log = name.LastIndexOf(".log", StringComparison.Ordinal);
        if (log <= 0)
        {
            return false;
        }

        var suffix = name.AsSpan(log + 4);
        if (suffix.Length == 2 && suffix[0] == '.' && int.TryParse(suffix[1..], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= MaxRotation)
        {
            rotation = n;
        }
        else if (!suffix.IsEmpty)
        {
            return false;
        }

        agent = name[..log];
        return true;
    }
}
