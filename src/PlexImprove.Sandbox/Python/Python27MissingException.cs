using PlexImprove.Core.Errors;

namespace PlexImprove.Sandbox.Python;

/// <summary>No Python 2.7 interpreter is configured or provisioned, so agent code cannot run.</summary>
public sealed class Python27MissingException : PlexImproveException
{
    public Python27MissingException(string detail)
        : base($"Python 2.7 was not found ({detail}). Set 'Python27:Path' in appsettings.Local.json " +
               "(or PLEXIMPROVE__Python27__Path) to a python2.7 executable, or run scripts/setup-python27.sh " +
               "to provision one into .tools/python2.7.")
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
