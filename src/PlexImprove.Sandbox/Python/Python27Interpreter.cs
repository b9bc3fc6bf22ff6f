namespace PlexImprove.Sandbox.Python;

/// <summary>A Python 2.7 interpreter: the executable and, for an unpacked distribution, its <c>PYTHONHOME</c>.</summary>
public sealed record Python27Interpreter(string ExecutablePath, string? PythonHome);
