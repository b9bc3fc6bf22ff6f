using System.Text.Json.Serialization;

namespace PlexImprove.Core.Changes.Gate;

/// <summary>One problem the syntax gate or the Plex loader lint found.</summary>
public sealed class CodeFinding
{
    /// <summary><c>syntax</c> or <c>lint</c>.</summary>
    [JsonPropertyName("check")]
    public required string Check { get; init; }

    /// <summary>Rule id: <c>syntax</c>, <c>underscore-name</c>, <c>underscore-attribute</c>, <c>file-reference</c>,
    /// <c>roles-name</c>, <c>printed-name</c>, <c>augmented-assignment</c>, <c>augmented-operator</c>, <c>exec-eval</c>,
    /// <c>yield</c>, <c>tuple-parameter</c>, <c>missing-builtin</c>, <c>guarded-builtin</c>, <c>string-iteration</c>,
    /// <c>unavailable-import</c>.</summary>
    [JsonPropertyName("rule")]
    public required string Rule { get; init; }

    /// <summary>
    /// <see cref="FindingSeverity.Load"/> (<c>load</c>): Plex refuses to compile the file, the bundle does not load;
    /// <see cref="FindingSeverity.Runtime"/> (<c>runtime</c>): the line compiles and fails when it runs.
    /// </summary>
    [JsonPropertyName("severity")]
    public string Severity { get; init; } = FindingSeverity.Load;

    /// <summary>The file, relative to the Plug-ins root where it lies inside it.</summary>
    [JsonPropertyName("file")]
    public required string File { get; init; }

    /// <summary>1-based line; 0 when unknown.</summary>
    [JsonPropertyName("line")]
    public int Line { get; init; }

    /// <summary>1-based column; 0 when unknown.</summary>
    [JsonPropertyName("column")]
    public int Column { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>How to fix it.</summary>
    [JsonPropertyName("fix")]
    public string Fix { get; init; } = "";

    /// <summary>The offending source line, stripped (used to tell pre-existing findings from new ones when lines move).</summary>
    [JsonPropertyName("code")]
    public string Code { get; init; } = "";

    /// <summary>The same finding attributed to another file (a byte-identical copy).</summary>
    public CodeFinding WithFile(string file) => new()
    {
        Check = Check, Rule = Rule, Severity = Severity, File = file, Line = Line, Column = Column, Message = Message, Fix = Fix, Code = Code,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{File}:{Line}:{Column}: [{Severity} {Rule}] {Message}" + (Fix.Length > 0 ? $" Fix: {Fix}" : "");
}
