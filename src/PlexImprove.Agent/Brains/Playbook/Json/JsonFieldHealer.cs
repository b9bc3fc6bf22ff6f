using System.Text.Json;

namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>
/// Replays the agent's JSON reads on the document an API serves now and repairs each that no longer finds its value:
/// a list now wrapped in an object (<c>{"results": [...]}</c>), fields moved under a wrapper (<c>data</c>,
/// <c>attributes</c> …, found by looking for the key below), a single object now in a list, or a renamed key (another
/// key of the same kind of value that the code does not read, nearest in name). A rename is chosen only where no move
/// explains the miss; reads of the same object follow the wrapper their siblings moved under.
/// </summary>
public sealed class JsonFieldHealer
{
    private const int MaxRepairsPerRead = 3;
    private const int MaxWrapperDepth = 3;

    private readonly JsonElement _root;
    private readonly IReadOnlySet<string> _keysInCode;
    private readonly Dictionary<string, List<string>> _movedUnder = new(StringComparer.Ordinal);

    public JsonFieldHealer(JsonElement root, IReadOnlySet<string> keysInCode)
    {
        _root = root;
        _keysInCode = keysInCode;
    }

    /// <summary>Reads that already find their value in the document.</summary>
    public List<JsonAccess> Working { get; } = [];

    /// <summary>Reads that could not be repaired, with why.</summary>
    public List<(JsonAccess Access, string Reason)> Unrepaired { get; } = [];

    /// <summary>
    /// The repairs of <paramref name="accesses"/>; <paramref name="choice"/> picks the n-th best rename where several
    /// keys could be the renamed one (0 for the best), so a caller can offer the alternatives as candidates.
    /// </summary>
    public IReadOnlyList<JsonRepair> Heal(IReadOnlyList<JsonAccess> accesses, int choice, out bool ambiguous)
    {
        ambiguous = false;
        Working.Clear();
        Unrepaired.Clear();
        _movedUnder.Clear();
        var repairs = new List<JsonRepair>();
        var deferred = new List<JsonAccess>();

        // Moves first: where a read's key is found below a wrapper, its siblings' renames are looked for there too.
        foreach (var access in accesses)
        {
            var result = Repair(access, allowRename: false, 0, out _);
            if (result is null)
            {
                deferred.Add(access);
            }
            else if (result.Steps.Count == access.Steps.Count && result.Renames.Count == 0)
            {
                Working.Add(access);
            }
            else
            {
                repairs.Add(result);
            }
        }

        Unrepaired.Clear();
        foreach (var access in deferred)
        {
            var result = Repair(access, allowRename: true, choice, out bool several);
            ambiguous |= several;
            if (result is not null)
            {
                repairs.Add(result);
            }
        }

        return repairs;
    }

    private JsonRepair? Repair(JsonAccess access, bool allowRename, int choice, out bool ambiguous)
    {
        ambiguous = false;
        var steps = access.Steps.ToList();
        var renames = new List<(JsonStep, string)>();
        var described = new List<string>();
        for (int round = 0; round <= MaxRepairsPerRead; round++)
        {
            var (failed, node) = Walk(steps);
            if (failed < 0)
            {
                return new JsonRepair(access, steps, renames, described.Count == 0 ? "reads its value" : string.Join("; ", described));
            }

            var step = steps[failed];
            var prefix = string.Concat(steps.Take(failed).Select(s => s.ToString()));
            if (step.Kind is JsonStepKind.Each or JsonStepKind.Index && node.ValueKind == JsonValueKind.Object
                && ListUnder(node, steps.Skip(failed).ToList()) is { } list)
            {
                steps.Insert(failed, JsonStep.KeyBefore(list, step));
                described.Add($"the list is now under '{list}' of the object at {Shown(prefix)}");
                continue;
            }

            if (step.Kind == JsonStepKind.Key && node.ValueKind == JsonValueKind.Array && node.GetArrayLength() > 0
                && node[0].ValueKind == JsonValueKind.Object && node[0].TryGetProperty(step.Key!, out _))
            {
                steps.Insert(failed, JsonStep.IndexBefore(0, step));
                described.Add($"the object at {Shown(prefix)} is now the first of a list");
                continue;
            }

            if (step.Kind != JsonStepKind.Key || node.ValueKind != JsonValueKind.Object)
            {
                Unrepaired.Add((access, $"{access.Path}: at {Shown(prefix)} the document holds {Kind(node)}, where the code reads {step}"));
                return null;
            }

            var rest = steps.Skip(failed + 1).ToList();
            if (Wrapper(node, step.Key!, rest) is { } wrapper)
            {
                for (int w = 0; w < wrapper.Count; w++)
                {
                    steps.Insert(failed + w, JsonStep.KeyBefore(wrapper[w], step));
                }

                _movedUnder[prefix] = wrapper;
                described.Add($"'{step.Key}' moved under '{string.Join("' → '", wrapper)}'");
                continue;
            }

            if (!allowRename)
            {
                return null;
            }

            // A renamed key: in the object the siblings moved into, else in this one.
            var container = node;
            List<string>? via = null;
            if (_movedUnder.TryGetValue(prefix, out var sibling) && Below(node, sibling) is { } moved && Renames(moved, step.Key!, rest).Count > 0)
            {
                container = moved;
                via = sibling;
            }

            var names = Renames(container, step.Key!, rest);
            if (names.Count == 0)
            {
                Unrepaired.Add((access, $"{access.Path}: '{step.Key}' is not in the object at {Shown(prefix)} nor below it, and no key the code does not read holds a value of the same kind"));
                return null;
            }

            ambiguous |= names.Count > 1;
            var name = names[Math.Min(choice, names.Count - 1)];
            if (via is not null)
            {
                foreach (var key in via)
                {
                    steps.Insert(failed++, JsonStep.KeyBefore(key, step));
                }

                described.Add($"'{step.Key}' moved under '{string.Join("' → '", via)}' like the fields read beside it");
            }

            renames.Add((step, name));
            steps[failed] = step with { Key = name };
            described.Add($"'{step.Key}' is now '{name}'");
        }

        Unrepaired.Add((access, $"{access.Path}: more than {MaxRepairsPerRead} changes would be needed"));
        return null;
    }

    /// <summary>The index of the first step that finds nothing (-1 when all find their value) and the node it was applied to.</summary>
    private (int Failed, JsonElement Node) Walk(IReadOnlyList<JsonStep> steps)
    {
        var current = _root;
        for (int i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            switch (step.Kind)
            {
                case JsonStepKind.Key when current.ValueKind == JsonValueKind.Object && current.TryGetProperty(step.Key!, out var value):
                    current = value;
                    break;
                case JsonStepKind.Index when current.ValueKind == JsonValueKind.Array && current.GetArrayLength() > step.Index:
                    current = current[step.Index];
                    break;
                case JsonStepKind.Each when current.ValueKind == JsonValueKind.Array:
                    if (current.GetArrayLength() == 0)
                    {
                        return (-1, current); // An empty list: nothing further can be checked, nothing fails.
                    }

                    current = current[0];
                    break;
                default:
                    return (i, current);
            }
        }

        return (-1, current);
    }

    /// <summary>The key of <paramref name="node"/> holding a list the remaining steps read from, if one does.</summary>
    private string? ListUnder(JsonElement node, List<JsonStep> steps) =>
        node.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array)
            .Select(p => (p.Name, Score: Resolves(p.Value, steps) ? 2 : p.Value.GetArrayLength() > 0 ? 1 : 0))
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score).Select(p => p.Name).FirstOrDefault();

    /// <summary>The keys leading from <paramref name="node"/> to the nearest object below it holding <paramref name="key"/> with the rest readable.</summary>
    private List<string>? Wrapper(JsonElement node, string key, List<JsonStep> rest)
    {
        var queue = new Queue<(JsonElement Node, List<string> Path)>();
        queue.Enqueue((node, []));
        while (queue.Count > 0)
        {
            var (current, path) = queue.Dequeue();
            if (path.Count > 0 && current.TryGetProperty(key, out var value) && Resolves(value, rest))
            {
                return path;
            }

            if (path.Count < MaxWrapperDepth)
            {
                foreach (var property in current.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
                {
                    queue.Enqueue((property.Value, [.. path, property.Name]));
                }
            }
        }

        return null;
    }

    /// <summary>Keys of <paramref name="node"/> the code does not read whose value is of the kind the code expects, nearest in name first.</summary>
    private List<string> Renames(JsonElement node, string key, List<JsonStep> rest)
    {
        JsonValueKind? wanted = rest.Count == 0 ? null : rest[0].Kind == JsonStepKind.Key ? JsonValueKind.Object : JsonValueKind.Array;
        return [.. node.EnumerateObject()
            .Where(p => p.Name != key && !_keysInCode.Contains(p.Name))
            .Where(p => wanted is { } kind ? p.Value.ValueKind == kind && Resolves(p.Value, rest) : IsScalar(p.Value))
            .OrderByDescending(p => Similarity(key, p.Name))
            .ThenByDescending(p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.Length : 0)
            .Select(p => p.Name)];
    }

    private static JsonElement? Below(JsonElement node, List<string> path)
    {
        foreach (var key in path)
        {
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(key, out node))
            {
                return null;
            }
        }

        return node.ValueKind == JsonValueKind.Object ? node : null;
    }

    private static bool Resolves(JsonElement start, List<JsonStep> steps) => new JsonFieldHealer(start, new HashSet<string>()).Walk(steps).Failed < 0;

    private static bool IsScalar(JsonElement value) => value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>
    /// 2 for names of the same field (<see cref="JsonFieldSynonyms"/>), 1 for names that contain one another, else the
    /// share of characters in common order (longest common subsequence).
    /// </summary>
    internal static double Similarity(string a, string b)
    {
        if (JsonFieldSynonyms.Same(a, b))
        {
            return 2;
        }

        var x = a.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);
        var y = b.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal);
        if (x.Contains(y, StringComparison.Ordinal) || y.Contains(x, StringComparison.Ordinal))
        {
            return 1;
        }

        var table = new int[x.Length + 1, y.Length + 1];
        for (int i = 1; i <= x.Length; i++)
        {
            for (int j = 1; j <= y.Length; j++)
            {
                table[i, j] = x[i - 1] == y[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[x.Length, y.Length] / (double)Math.Max(x.Length, y.Length);
    }

    private static string Kind(JsonElement node) => node.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    private static string Shown(string prefix) => prefix.Length == 0 ? "the top" : prefix;
}
