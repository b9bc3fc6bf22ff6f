using PlexImprove.Agent.Diagnosis;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>
/// Collects replacements on the original text of agent files and turns them into patch edits: each edit spans whole
/// lines and grows by neighbouring lines until its <c>old</c> text occurs exactly once in the file.
/// </summary>
public sealed class SourceRewrite
{
    private readonly Dictionary<string, (AgentCodeFile File, List<(int Start, int End, string Text)> Spans)> _files = new(StringComparer.Ordinal);

    public bool IsEmpty => _files.Values.All(f => f.Spans.Count == 0);

    /// <summary>Replaces <c>[start, end)</c> of <paramref name="file"/> by <paramref name="replacement"/>; spans must not overlap.</summary>
    public void Replace(AgentCodeFile file, int start, int end, string replacement)
    {
        if (!_files.TryGetValue(file.RelativePath, out var entry))
        {
            entry = (file, []);
            _files[file.RelativePath] = entry;
        }

        if (entry.Spans.Any(s => start < s.End && s.Start < end))
        {
            return;
        }

        entry.Spans.Add((start, end, replacement));
    }

    /// <summary>Inserts <paramref name="text"/> at <paramref name="index"/>.</summary>
    public void Insert(AgentCodeFile file, int index, string text) => Replace(file, index, index, text);

    /// <summary>The new text of a file after every replacement.</summary>
    public string Apply(AgentCodeFile file)
    {
        if (!_files.TryGetValue(file.RelativePath, out var entry))
        {
            return file.Text;
        }

        var text = file.Text;
        foreach (var span in entry.Spans.OrderByDescending(s => s.Start))
        {
            text = text[..span.Start] + span.Text + text[span.End..];
        }

        return text;
    }

    /// <summary>The edits, one per group of nearby changes, each <c>old</c> unique in its file.</summary>
    public IReadOnlyList<PatchEdit> ToEdits()
    {
        var edits = new List<PatchEdit>();
        foreach (var (path, (file, spans)) in _files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var text = file.Text;
            var regions = new List<(int Start, int End, List<(int Start, int End, string Text)> Spans)>();
            foreach (var span in spans.OrderBy(s => s.Start))
            {
                int start = LineStart(text, span.Start);
                int end = LineEnd(text, Math.Max(span.Start, span.End - 1 < span.Start ? span.Start : span.End - 1));
                (start, end) = GrowUntilUnique(text, start, end);
                if (regions.Count > 0 && start <= regions[^1].End)
                {
                    var last = regions[^1];
                    regions[^1] = (last.Start, Math.Max(last.End, end), [.. last.Spans, span]);
                }
                else
                {
                    regions.Add((start, end, [span]));
                }
            }

            foreach (var region in regions)
            {
                var (start, end) = GrowUntilUnique(text, region.Start, region.End);
                var old = text[start..end];
                var updated = old;
                foreach (var span in region.Spans.OrderByDescending(s => s.Start))
                {
                    updated = updated[..(span.Start - start)] + span.Text + updated[(span.End - start)..];
                }

                edits.Add(new PatchEdit { File = path, Old = old, New = updated });
            }
        }

        return edits;
    }

    private static (int Start, int End) GrowUntilUnique(string text, int start, int end)
    {
        while (Count(text, text[start..end]) > 1 && (start > 0 || end < text.Length))
        {
            if (start > 0)
            {
                start = LineStart(text, start - 1);
            }

            if (end < text.Length)
            {
                end = LineEnd(text, end);
            }
        }

        return (start, end);
    }

    private static int Count(string text, string part)
    {
        if (part.Length == 0)
        {
            return int.MaxValue;
        }

        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            if (++count > 1)
            {
                break;
            }
        }

        return count;
    }

    private static int LineStart(string text, int index) => index <= 0 ? 0 : text.LastIndexOf('\n', Math.Min(index, text.Length) - 1) + 1;

    /// <summary>End of the line holding <paramref name="index"/>, its line break included.</summary>
    private static int LineEnd(string text, int index)
    {
        int eol = text.IndexOf('\n', Math.Min(index, text.Length));
        return eol < 0 ? text.Length : eol + 1;
    }
}
