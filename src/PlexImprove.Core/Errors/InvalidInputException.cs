namespace PlexImprove.Core.Errors;

/// <summary>An input the user gave (path, option, file content, configuration) cannot be used.</summary>
public sealed class InvalidInputException : PlexImproveException
{
    public InvalidInputException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override FailureKind Kind => FailureKind.BadInput;
}
