using System.Text.Json.Serialization;

namespace PlexImprove.Core.Changes.Gate;

/// <summary>
/// Findings after a change, split into those the change introduced (they block it) and those that were
/// there before (reported, not blocking), plus those the change resolved.
/// </summary>
public sealed class GateComparison
{
    [JsonPropertyName("introduced")]
    public IReadOnlyList<CodeFinding> Introduced { get; init; } = [];

    [JsonPropertyName("preExisting")]
    public IReadOnlyList<CodeFinding> PreExisting { get; init; } = [];

    [JsonPropertyName("resolved")]
    public IReadOnlyList<CodeFinding> Resolved { get; init; } = [];

    /// <summary>True when the change introduced at least one finding.</summary>
    [JsonIgnore]
    public bool Blocks => Introduced.Count > 0;

    /// <summary>
    /// Compares the findings of one file before and after a change. Lines move when code is added, so a
    /// finding is matched on (rule, message, offending line text), counted: a third identical finding where
    /// there were two is new. When the old file did not compile, lint could not run on it, so lint findings
    /// after the change count as pre-existing (the change did not create them; the syntax fix revealed them).
    /// </summary>
    public static GateComparison Compare(GateFileResult before, GateFileResult after)
    {
        var remaining = new Dictionary<(string, string, string), int>();
        foreach (var finding in before.Findings)
        {
            var key = Key(finding);
            remaining[key] = remaining.GetValueOrDefault(key) + 1;
        }

        var introduced = new List<CodeFinding>();
        var preExisting = new List<CodeFinding>();
        foreach (var finding in after.Findings)
        {
            var key = Key(finding);
            if (remaining.GetValueOrDefault(key) > 0)
            {
                remaining[key]--;
                preExisting.Add(finding);
            }
            else if (!before.Parsed && finding.Check == "lint")
            {
                preExisting.Add(finding);
            }
            else
            {
                introduced.Add(finding);
            }
        }

        var resolved = new List<CodeFinding>();
        foreach (var finding in before.Findings)
        {
            var key = Key(finding);
            if (remaining.GetValueOrDefault(key) > 0)
            {
                remaining[key]--;
                resolved.Add(finding);
            }
        }

        return new GateComparison { Introduced = introduced, PreExisting = preExisting, Resolved = resolved };
    }

    /// <summary>Merges the comparisons of several files.</summary>
    public static GateComparison Combine(IEnumerable<GateComparison> parts)
    {
        var list = parts.ToList();
        return new GateComparison
        {
            Introduced = [.. list.SelectMany(p => p.Introduced)],
            PreExisting = [.. list.SelectMany(p => p.PreExisting)],
            Resolved = [.. list.SelectMany(p => p.Resolved)],
        };
    }

    private static (string, string, string) Key(CodeFinding finding) => (finding.Rule, finding.Message, finding.Code);
}
