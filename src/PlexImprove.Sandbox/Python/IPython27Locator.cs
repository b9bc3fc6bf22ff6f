namespace PlexImprove.Sandbox.Python;

/// <summary>Finds the Python 2.7 interpreter that runs agent bundles.</summary>
public interface IPython27Locator
{
    /// <summary>The interpreter to use; throws <see cref="Python27MissingException"/> when there is none.</summary>
    Python27Interpreter Locate();
}
