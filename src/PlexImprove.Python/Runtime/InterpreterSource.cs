namespace PlexImprove.Python.Runtime;

/// <summary>Where a Python 2.7 candidate comes from, in the order they are tried.</summary>
public enum InterpreterSource
{
    /// <summary>The <c>Python27:Path</c> setting.</summary>
    Configured,

    /// <summary><c>python2.7</c> or <c>python2</c> on PATH.</summary>
    SearchPath,

    /// <summary>Plex Media Server's own interpreter, "Plex Script Host".</summary>
    PlexScriptHost,

    /// <summary>The project-local <c>.tools/python2.7</c> (see <c>scripts/setup-python27.sh</c>).</summary>
    ProjectLocal,
}
