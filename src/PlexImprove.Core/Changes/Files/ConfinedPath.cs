namespace PlexImprove.Core.Changes.Files;

/// <summary>A path proven to lie inside the Plug-ins root after resolving symlinks.</summary>
/// <param name="RelativePath">Relative to the root, with <c>/</c> separators (how backups and logs name the file).</param>
/// <param name="FullPath">The resolved absolute path (symlinks followed) to read and write.</param>
public sealed record ConfinedPath(string RelativePath, string FullPath);
