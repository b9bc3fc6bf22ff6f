using System.Text;

namespace PlexImprove.Core.Changes.Patches;

/// <summary>
/// Writes the unified diff between two versions of a file (what <c>preview_patch</c> shows), comparing lines
/// as bytes with Myers' algorithm after trimming the common head and tail.
/// </summary>
public static class UnifiedDiffWriter
{
    /// <summary>Above this many differing lines on either side the diff is summarised instead of computed.</summary>
    public const int MaxLines = 20_000;

    /// <summary>The diff of <paramref name="before"/> → <paramref name="after"/> with <paramref name="context"/> lines of context; empty when equal.</summary>
    public static string Write(string path, ReadOnlyMemory<byte> before, ReadOnlyMemory<byte> after, int context = 3)
    {
        var a = TextLines.Split(before);
        var b = TextLines.Split(after);
        var head = 0;
        while (head < a.Count && head < b.Count && Same(a[head], b[head]))
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Count - head && tail < b.Count - head && Same(a[a.Count - 1 - tail], b[b.Count - 1 - tail]))
        {
            tail++;
        }

        if (head == a.Count && head == b.Count)
        {
            return "";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo($"--- a/{path}\n+++ b/{path}\n"));
        var middleA = a.Count - head - tail;
        var middleB = b.Count - head - tail;
        if (middleA > MaxLines || middleB > MaxLines)
        {
            text.Append(CultureInfo($"@@ -{head + 1},{middleA} +{head + 1},{middleB} @@ (too large to show: {middleA} lines replaced by {middleB})\n"));
            return text.ToString();
        }

        // Edit script over the whole files: equal head, Myers on the middle, equal tail.
        var script = new List<(char Op, int A, int B)>();
        for (var i = 0; i < head; i++)
        {
            script.Add((' ', i, i));
        }

        script.AddRange(Myers(a, b, head, middleA, middleB));
        for (var i = 0; i < tail; i++)
        {
            script.Add((' ', a.Count - tail + i, b.Count - tail + i));
        }

        // Group changes into hunks with context.
        var index = 0;
        while (index < script.Count)
        {
            while (index < script.Count && script[index].Op == ' ')
            {
                index++;
            }

            if (index >= script.Count)
            {
                break;
            }

            var start = Math.Max(0, index - context);
            var end = index;
            var lastChange = index;
            while (end < script.Count && (script[end].Op != ' ' || end - lastChange <= 2 * context))
            {
                if (script[end].Op != ' ')
                {
                    lastChange = end;
                }

                end++;
            }

            end = Math.Min(script.Count, lastChange + context + 1);
            var hunk = script.GetRange(start, end - start);
            var oldStart = hunk.FirstOrDefault(s => s.Op != '+').A;
            var newStart = hunk.FirstOrDefault(s => s.Op != '-').B;
            var oldCount = hunk.Count(s => s.Op != '+');
            var newCount = hunk.Count(s => s.Op != '-');
            text.Append(CultureInfo($"@@ -{(oldCount == 0 ? oldStart : oldStart + 1)},{oldCount} +{(newCount == 0 ? newStart : newStart + 1)},{newCount} @@\n"));
            foreach (var (op, ia, ib) in hunk)
            {
                var line = op == '+' ? b[ib] : a[ia];
                text.Append(op).Append(Encoding.UTF8.GetString(line.Content.Span)).Append('\n');
            }

            index = end;
        }

        return text.ToString();
    }

    private static bool Same(TextLine x, TextLine y) => x.Content.Span.SequenceEqual(y.Content.Span);

    /// <summary>Myers' O(ND) diff of a[offset..offset+n) and b[offset..offset+m), as an edit script with absolute indexes.</summary>
    private static List<(char Op, int A, int B)> Myers(List<TextLine> a, List<TextLine> b, int offset, int n, int m)
    {
        var max = n + m;
        var v = new int[(2 * max) + 2];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && Same(a[offset + x], b[offset + y]))
                {
                    x++;
                    y++;
                }

                v[max + k] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(trace, max, offset, n, m, d);
                }
            }
        }

        return [];
    }

    private static List<(char Op, int A, int B)> Backtrack(List<int[]> trace, int max, int offset, int n, int m, int depth)
    {
        var script = new List<(char, int, int)>();
        var x = n;
        var y = m;
        for (var d = depth; d > 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var previousK = k == -d || (k != d && v[max + k - 1] < v[max + k + 1]) ? k + 1 : k - 1;
            var previousX = v[max + previousK];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                x--;
                y--;
                script.Add((' ', offset + x, offset + y));
            }

            if (x == previousX)
            {
                y--;
                script.Add(('+', offset + x, offset + y));
            }
            else
            {
                x--;
                script.Add(('-', offset + x, offset + y));
            }
        }

        while (x > 0 && y > 0)
        {
            x--;
            y--;
            script.Add((' ', offset + x, offset + y));
        }

        script.Reverse();
        return script;
    }

    private static string CultureInfo(FormattableString text) => FormattableString.Invariant(text);
}
