using System.Buffers;

namespace PlexImprove.Core.Commands;

/// <summary>
/// Every command the program prints for the user to paste starts with the program as the user started it
/// (<c>./plex-improve</c>, a path to the launcher, or <c>plex-improve</c> when it is on PATH), so it runs as printed
/// from the user's shell. The CLI sets <see cref="Program"/> once at start-up; every other layer only reads it.
/// </summary>
public static class PrintedCommand
{
    /// <summary>The program's name on PATH: the first word when nothing else is known.</summary>
    public const string InstalledName = "plex-improve";

    private static readonly SearchValues<char> s_plain = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./:=@%+,");

    /// <summary>The first word of every printed command, already quoted for a POSIX shell.</summary>
    public static string Program { get; private set; } = InstalledName;

    /// <summary>Sets how the program was started (see the CLI's launch detection); an empty value keeps the installed name.</summary>
    public static void UseProgram(string? invocation) => Program = FirstWord(invocation);

    /// <summary><c>&lt;program&gt; arguments</c>: the arguments as given, so callers quote values with <see cref="Quote"/>.</summary>
    public static string Of(string arguments) => Program + " " + arguments;

    /// <summary>The command as it reads when the program was started as <paramref name="invocation"/>.</summary>
    public static string Of(string? invocation, string arguments) => FirstWord(invocation) + " " + arguments;

    private static string FirstWord(string? invocation) => string.IsNullOrWhiteSpace(invocation) ? InstalledName : Quote(invocation);

    /// <summary>A value as one word of a POSIX shell: unchanged when it needs no quoting, else single-quoted.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && !value.AsSpan().ContainsAnyExcept(s_plain)
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
