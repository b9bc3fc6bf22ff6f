using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PlexImprove.Agent.Diagnosis;
using PlexImprove.Python.Runtime;

namespace PlexImprove.Agent.Tests.TestSupport;

/// <summary>
/// Runs a patched agent module in the real Python 2.7 (with stand-ins for the Framework's globals) and evaluates a
/// title comparison in it, so a test sees what the patched code decides rather than what the patch text looks like.
/// </summary>
internal static partial class PatchedTitles
{
    /// <summary>
    /// Whether the agent's <c>if</c> on the line holding <paramref name="marker"/> in <paramref name="module"/> still
    /// takes its failure branch when the site lists <paramref name="site"/> and Plex searched <paramref name="name"/>
    /// (sent to the site as <paramref name="query"/>): the condition runs with <c>site_title</c>, <c>link</c>,
    /// <c>media</c> and <c>query</c> bound as the agent's search binds them.
    /// </summary>
    public static async Task<bool> ConditionHoldsAsync(string module, string marker, string site, string name, string query)
    {
        var condition = Conditions().Matches(module).Select(m => m.Groups[1].Value).Single(c => c.Contains(marker, StringComparison.Ordinal));
        var siteText = Literal(site);
        var expression = $"(lambda site_title, link, media, query: bool({condition}))({siteText}, "
            + $"type('Link', (object,), {{'text_content': lambda self: {siteText}}})(), "
            + $"type('Media', (object,), {{'name': {Literal(name)}.encode('utf-8')}})(), {Literal(query)}.encode('utf-8'))";
        return await EvaluateAsync(module, expression) == "True";
    }

    /// <summary>A Python 2.7 unicode literal of <paramref name="text"/>, non-ASCII letters escaped.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder("u'");
        foreach (var c in text)
        {
            sb.Append(c is >= ' ' and < '\u007f' and not ('\'' or '\\') ? c.ToString() : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return sb.Append('\'').ToString();
    }

    /// <summary><paramref name="code"/> with every edit of <paramref name="patch"/> applied (each <c>old</c> occurs once).</summary>
    public static string Apply(string code, ProposedPatch patch)
    {
        foreach (var edit in patch.Edits)
        {
            int at = code.IndexOf(edit.Old, StringComparison.Ordinal);
            Assert.True(at >= 0, "the edit's old text is not in the code: " + edit.Old);
            code = code[..at] + edit.New + code[(at + edit.Old.Length)..];
        }

        return code;
    }

    /// <summary>The value of <paramref name="expression"/> (Python 2.7) after loading <paramref name="module"/>, as <c>repr</c> prints it.</summary>
    public static async Task<string> EvaluateAsync(string module, string expression)
    {
        using var dir = new TempDirectory();
        var modulePath = Path.Combine(dir.Path, "agent.py");
        await File.WriteAllTextAsync(modulePath, module, TestContext.Current.CancellationToken);
        var script = Path.Combine(dir.Path, "probe.py");
        await File.WriteAllTextAsync(script, $$"""
            # -*- coding: utf-8 -*-
            import sys
            class Agent(object):
                Movies = object
            scope = {'Agent': Agent}
            execfile(sys.argv[1], scope)
            print(repr(eval(sys.argv[2], scope)))
            """, TestContext.Current.CancellationToken);
        var python = await TestPython.RuntimeAsync(TestContext.Current.CancellationToken);
        var result = await ProcessRunner.RunAsync(python.StartInfo([script, modulePath, expression]), null, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim();
    }

    [GeneratedRegex(@"^[ \t]*(?:if|elif)[ \t]+(.+):[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex Conditions();
}
