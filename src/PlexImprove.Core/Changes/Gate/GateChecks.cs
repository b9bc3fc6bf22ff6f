namespace PlexImprove.Core.Changes.Gate;

/// <summary>Which checks a code gate runs.</summary>
[Flags]
public enum GateChecks
{
    /// <summary>Compile with the real Python 2.7 interpreter (no .pyc written).</summary>
    Syntax = 1,

    /// <summary>The rules of Plex's RestrictedPython loader.</summary>
    Lint = 2,

    /// <summary>Syntax and lint.</summary>
    All = Syntax | Lint,
}
