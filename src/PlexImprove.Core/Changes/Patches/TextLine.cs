namespace PlexImprove.Core.Changes.Patches;

/// <summary>One line of a file as bytes: its content without the line ending, and the ending itself (<c>\n</c>, <c>\r\n</c> or none).</summary>
public readonly record struct TextLine(ReadOnlyMemory<byte> Content, ReadOnlyMemory<byte> Ending);
