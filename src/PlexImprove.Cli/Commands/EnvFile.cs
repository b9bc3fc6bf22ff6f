using System.Text;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Hosting;

namespace PlexImprove.Cli.Commands;

/// <summary>
/// The settings that point plex-improve at a running sandbox, as a shell <c>export</c> line or a .env-style file.
/// The token is the box's own throwaway token, never the user's real one.
/// </summary>
public static class EnvFile
{
    /// <summary>The first line of every file this writes; only such a file is ever overwritten.</summary>
    public const string Header = "# plex-improve sandbox connection";

    /// <summary>Name and value of each setting, in the order they are written.</summary>
    public static IReadOnlyList<(string Name, string Value)> Values(SandboxConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return
        [
            ("PLEXIMPROVE__Plex__Url", connection.Url),
            ("PLEX_TOKEN", connection.Token),
            ("PLEXIMPROVE__Plex__PluginsDir", connection.PluginsDir),
            ("PLEXIMPROVE__Plex__LogsDir", connection.LogsDir),
        ];
    }

    /// <summary><c>export NAME='value' …</c>, quoted for a POSIX shell.</summary>
    public static string ExportLine(SandboxConnection connection) =>
        "export " + string.Join(" ", Values(connection).Select(v => $"{v.Name}={Quote(v.Value)}"));

    /// <summary>Refuses (exit 2) to overwrite a file this command did not write, such as the user's own .env.</summary>
    public static void EnsureWritable(string path)
    {
        if (File.Exists(path) && !File.ReadLines(path).Take(1).Any(line => line == Header))
        {
            throw new InvalidInputException($"'{path}' exists and was not written by 'sandbox up'; it is left alone. Give another --env-file path.");
        }
    }

    /// <summary>
    /// Writes <c>export NAME='value'</c> lines under <see cref="Header"/>: <c>source FILE</c> exports them to the commands
    /// that follow (plain assignments would stay shell variables, and the next command would reach the default server).
    /// </summary>
    public static Task WriteAsync(string path, SandboxConnection connection, CancellationToken cancellationToken)
    {
        EnsureWritable(path);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (name, value) in Values(connection))
        {
            text.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        }

        return File.WriteAllTextAsync(path, text.ToString(), cancellationToken);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
