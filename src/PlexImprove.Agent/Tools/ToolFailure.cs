namespace PlexImprove.Agent.Tools;

/// <summary>How a tool's failure is told to its caller (see <see cref="ToolFailureBoundary"/>).</summary>
/// <param name="Tool">The tool's canonical name.</param>
/// <param name="Message">The masked message, one line, without the <c>Error: </c> prefix.</param>
/// <param name="Expected">True for a domain or input failure; false for a fault whose details went to the log.</param>
public sealed record ToolFailure(string Tool, string Message, bool Expected);
