using Spectre.Console;

namespace PlexImprove.Cli.Rendering;

/// <summary>Spectre consoles over a given writer: colours on a terminal, plain text on a pipe.</summary>
public static class ConsoleFactory
{
    /// <summary>Width used when the output is not a terminal, so tables do not wrap in files and pipes.</summary>
    private const int PipeWidth = 160;

    public static IAnsiConsole For(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = PipeWidth;
        }

        return console;
    }
}
