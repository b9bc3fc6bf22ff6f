namespace PlexImprove.Core.Changes.Gate;

/// <summary>One source to check: a display name (the path relative to the Plug-ins root) and its exact bytes.</summary>
/// <param name="Name">How findings name the file.</param>
/// <param name="Content">The bytes as they are (or would be) on disk.</param>
public sealed record GateSource(string Name, ReadOnlyMemory<byte> Content)
{
    /// <summary>The policy of the file's bundle (<see cref="BundleCodePolicy"/>). Default standard.</summary>
    public PluginCodePolicy Policy { get; init; } = PluginCodePolicy.Standard;

    /// <summary>Top-level modules the file's bundle provides itself (<see cref="Bundles.BundleCode.Modules"/>): importing them is no <c>unavailable-import</c>.</summary>
    public IReadOnlyList<string> BundleModules { get; init; } = [];

    /// <summary>Whether the bundle's <c>__init__.py</c> reinstates Python's full builtins before its code runs (<see cref="Bundles.BundleCode.BuiltinsReinstated"/>).</summary>
    public bool BuiltinsReinstated { get; init; }
}
