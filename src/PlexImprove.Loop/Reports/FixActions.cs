using System.Globalization;
using System.Text;
using PlexImprove.Loop.Coordination;
using PlexImprove.Loop.State;

namespace PlexImprove.Loop.Reports;

/// <summary>
/// What an admin acts on, per fix: for a fix left in place, the diff of every file it changed and the exact commands
/// that undo it; for a fix rolled back, why, with its test report. Shared by the final report and <c>status</c>.
/// </summary>
public static class FixActions
{
    /// <summary>Markdown for every fix the run applied (kept, monitored or rolled back); empty when none was.</summary>
    public static string Render(LoopState state, string workDir)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sb = new StringBuilder();
        foreach (var fix in state.Fixes.Where(f => f.Status is FixState.Kept or FixState.Monitor))
        {
            sb.Append(CultureInfo.InvariantCulture, $"### {fix.Id} — {LoopCoordinator.Status(fix.Status)} (iteration {fix.Iteration})\n\n{fix.Title}.");
            sb.Append(fix.Reason is { Length: > 0 } why ? " " + why : "").Append("\n\nUndo it:\n\n```bash\n");
            foreach (var command in FixUndo.Commands(state, workDir, fix))
            {
                sb.Append(command).Append('\n');
            }

            sb.Append("```\n\n");
            if (FixUndo.InsideRunFolder(state.PluginsDir, workDir))
            {
                sb.Append("The Plug-ins folder belongs to this run's own box, which stopped with the run: nothing needs a restart.\n\n");
            }

            foreach (var file in FixDiffs.Of(workDir, state.PluginsDir, fix))
            {
                sb.Append(CultureInfo.InvariantCulture, $"`{file.Path}`:\n\n");
                sb.Append(file.Diff is { } diff ? "```diff\n" + diff.TrimEnd('\n') + "\n```\n\n" : $"No diff: {file.Unavailable}.\n\n");
            }
        }

        foreach (var fix in state.Fixes.Where(f => f.Status == FixState.RolledBack))
        {
            sb.Append(CultureInfo.InvariantCulture, $"### {fix.Id} — rolled back (iteration {fix.Iteration})\n\n{fix.Title}. Why: {fix.Reason ?? "no reason recorded"}\n\n");
            sb.Append("Its files were restored from the backup and the plug-in restarted; nothing of it remains.\n\n");
            if (fix.TestReport is { } report && File.Exists(Path.Combine(workDir, Path.ChangeExtension(report, ".md"))))
            {
                var markdown = File.ReadAllText(Path.Combine(workDir, Path.ChangeExtension(report, ".md")));
                sb.Append(CultureInfo.InvariantCulture, $"<details><summary>Test report ({Path.ChangeExtension(report, ".md")})</summary>\n\n{Demote(markdown).TrimEnd('\n')}\n\n</details>\n\n");
            }
        }

        return sb.ToString();
    }

    // The embedded report's headings sit below this section's own.
    private static string Demote(string markdown) =>
        string.Join('\n', markdown.Split('\n').Select(l => l.StartsWith('#') ? "###" + l : l));
}
