using ModelContextProtocol.Protocol;

namespace PlexImprove.Agent.Research;

/// <summary>
/// Which of a server's tools are attached. With no <c>Tools</c> list, the read-only ones: every tool annotated
/// read-only, and tools without a read-only or destructive annotation (most research servers publish none); a tool
/// annotated destructive or not read-only is withheld. With a list, exactly the tools named: a destructive tool is
/// attached only when named explicitly.
/// </summary>
public static class ResearchToolSelection
{
    /// <summary>Whether <paramref name="tool"/> is attached for <paramref name="server"/>, and why not when it is not.</summary>
    public static (bool Attached, string? Reason) Decide(ResearchServerOptions server, Tool tool)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(tool);
        if (server.Tools.Count > 0)
        {
            return server.Tools.Contains(tool.Name, StringComparer.Ordinal) ? (true, null) : (false, "not in Tools");
        }

        return tool.Annotations switch
        {
            { ReadOnlyHint: true } => (true, null),
            { DestructiveHint: true } => (false, "annotated destructive; name it in Tools to attach it"),
            { ReadOnlyHint: false } => (false, "annotated as not read-only; name it in Tools to attach it"),
            _ => (true, null),
        };
    }

    /// <summary>The kernel function name of a server's tool: <c>&lt;server&gt;_&lt;tool&gt;</c>, other characters as <c>_</c>.</summary>
    public static string FunctionName(string server, string tool)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(tool);
        var name = (server + "_" + tool).Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        return new string(name);
    }
}
