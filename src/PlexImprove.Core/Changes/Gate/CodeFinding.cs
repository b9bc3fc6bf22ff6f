using System.Text.Json.Serialization;

namespace PlexImprove.Core.Changes.Gate;

/// <summary>One problem the syntax gate or the Plex loader lint found.</summary>
public sealed class CodeFinding
{
    /// <summary><c>syntax</c> or <c>lint</c>.</summary>
    [JsonPropertyName("check")]
    public required string Check { get; init; }

    /// <summary>Rule id: <c>syntax</c>, <c>underscore-name</c>, <c>underscore-attribute</c>, <c>file-reference</c>,
    /// <c>augmented-assignment</c>, <c>exec-eval</c>, <c>unavailable-import</c>.</summary>
    [JsonPropertyName("rule")]
    public required string Rule { get; init; }

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
        Check = Check, Rule = Rule, File = file, Line = Line, Column = Column, Message = Message, Fix = Fix, Code = Code,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{File}:{Line}:{Column}: [{Rule}] {Message}" + (Fix.Length > 0 ? $" Fix: {Fix}" : "");
}
