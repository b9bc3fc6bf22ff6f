namespace PlexImprove.Agent.Hosting;

/// <summary>A writer tool the model wants to run: its name and the exact arguments (the patch text, the fix id …).</summary>
public sealed class WriteRequest
{
    public required string Tool { get; init; }
    public required IReadOnlyDictionary<string, string?> Arguments { get; init; }

    /// <summary>The change in words and verbatim, as shown to a user before they decide.</summary>
    public string Describe()
    {
        var lines = new List<string> { $"The model wants to run '{Tool}':" };
        foreach (var (name, value) in Arguments)
        {
            string text = value ?? "(none)";
            lines.Add(text.Contains('\n', StringComparison.Ordinal) ? $"  {name}:\n{text.TrimEnd()}" : $"  {name}: {text}");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
