namespace PlexImprove.Agent.Brains.Playbook.Json;

/// <summary>How agent code goes one level into a JSON document.</summary>
public enum JsonStepKind
{
    /// <summary><c>x['key']</c> or <c>x.get('key')</c>.</summary>
    Key,

    /// <summary><c>x[0]</c>.</summary>
    Index,

    /// <summary><c>for item in x:</c> (the step reads the first element).</summary>
    Each,
}
