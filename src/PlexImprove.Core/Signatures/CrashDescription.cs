namespace PlexImprove.Core.Signatures;

/// <summary>What an agent crash is, from its traceback: its signature and the exception type it counts under.</summary>
internal sealed record CrashDescription(FailureDescription Failure, string ExceptionType);
