namespace PlexImprove.Cli.Hosting;

/// <summary>Which Python 2.7 checks agent code.</summary>
public sealed class Python27Settings
{
    /// <summary>An explicit interpreter; empty means discover one.</summary>
    public string Path { get; set; } = "";

    /// <summary>PYTHONHOME for the interpreter in <see cref="Path"/>, when it needs one; empty means none.</summary>
    public string Home { get; set; } = "";

    /// <summary>When no interpreter is found, provision the project-local one with scripts/setup-python27.sh. Default true.</summary>
    public bool AutoProvision { get; set; } = true;
}
