namespace PlexImprove.Core.Changes.Gate;

/// <summary>One file the gate checks for a change: its start under the bundle's policy before, its end state under the policy after.</summary>
public sealed record GatedFile(string RelativePath, ReadOnlyMemory<byte> Before, PluginCodePolicy BeforePolicy, ReadOnlyMemory<byte> After, PluginCodePolicy AfterPolicy);
