using System.Text.RegularExpressions;

namespace PlexImprove.Agent.Brains.Playbook.Text;

/// <summary>
/// Rewrites one line of agent code that raised <c>UnicodeEncodeError</c>/<c>UnicodeDecodeError</c> so that text and
/// bytes meet consistently: an ASCII codec becomes UTF-8, <c>str()</c>/<c>unicode()</c> of text become the UTF-8
/// helpers, URL quoting and hashing get UTF-8 bytes, and the values formatted or concatenated with a string literal are
/// all made text (or all bytes). Lines it cannot read are left alone (null).
/// </summary>
public static partial class TextCoercion
{
    /// <summary>The rewritten line and the helpers it calls, or null when nothing on the line is a text hazard.</summary>
    public static (string Line, IReadOnlyList<string> Helpers)? Rewrite(string line, TextStrategy strategy)
    {
        int codeEnd = PythonSyntax.CodeEnd(line);
        var code = line[..codeEnd];
        var helpers = new List<string>();

        if (strategy == TextStrategy.ToText)
        {
            code = DecodeToHelper(code, helpers);
        }

        code = AsciiCodec().Replace(code, m => m.Groups["call"].Value + "(" + m.Groups["q"].Value + "utf-8" + m.Groups["q"].Value);
        code = ReplaceCalls(code, Conversion(), (name, arguments) =>
        {
            if (PythonSyntax.IsLiteral(arguments) || PythonSyntax.SplitTopLevel(arguments, ',').Count > 1)
            {
                return null; // str(1), unicode(x, 'utf-8'): nothing to coerce.
            }

            var helper = name == "unicode" ? TextHelpersCode.ToTextName : TextHelpersCode.NameFor(strategy);
            helpers.Add(helper);
            return helper + "(" + arguments + ")";
        });
        code = ReplaceCalls(code, NeedsBytes(), (name, arguments) =>
        {
            var parts = PythonSyntax.SplitTopLevel(arguments, ',');
            var first = parts[0].Text;
            if (PythonSyntax.IsLiteral(first) || IsWrapped(first))
            {
                return null;
            }

            helpers.Add(TextHelpersCode.ToBytesName);
            return name + "(" + Wrap(first, TextHelpersCode.ToBytesName) + arguments[first.Length..] + ")";
        });
        // A call that needs bytes or a codec names the culprit; only a line without one mixes values in formatting.
        if (code == line[..codeEnd])
        {
            code = CoerceFormatting(code, strategy, helpers);
            code = CoerceConcatenation(code, strategy, helpers);
        }

        var rewritten = code + line[codeEnd..];
        return rewritten == line ? null : (rewritten, helpers.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// <c>x.decode('utf-8')</c> / <c>x.decode('ascii')</c> → <c>utf8_text(x)</c>: bytes that are not what the codec
    /// expects (Latin-1 pages, accents) are read as UTF-8, else as Windows-1252, instead of raising.
    /// </summary>
    private static string DecodeToHelper(string code, List<string> helpers)
    {
        foreach (var match in StrictDecode().Matches(code).Reverse())
        {
            int start = ReceiverStart(code, match.Index);
            if (start >= match.Index)
            {
                continue;
            }

            helpers.Add(TextHelpersCode.ToTextName);
            code = code[..start] + TextHelpersCode.ToTextName + "(" + code[start..match.Index] + ")" + code[(match.Index + match.Length)..];
        }

        return code;
    }

    /// <summary>Where the expression ending at <paramref name="dot"/> (<c>HTTP.Request(url).content</c> before <c>.decode</c>) starts.</summary>
    private static int ReceiverStart(string code, int dot)
    {
        int i = dot - 1;
        while (i >= 0)
        {
            char c = code[i];
            if (c is ')' or ']')
            {
                int depth = 0;
                for (; i >= 0; i--)
                {
                    if (code[i] is ')' or ']')
                    {
                        depth++;
                    }
                    else if (code[i] is '(' or '[' && --depth == 0)
                    {
                        break;
                    }
                }

                i--;
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.')
            {
                i--;
            }
            else
            {
                break;
            }
        }

        return i + 1;
    }

    /// <summary><c>'…' % (a, b)</c> / <c>'…' % a</c>: every non-literal operand through the helper.</summary>
    private static string CoerceFormatting(string code, TextStrategy strategy, List<string> helpers)
    {
        var match = FormatOperator().Match(code);
        if (!match.Success || (strategy == TextStrategy.ToBytes && match.Groups["prefix"].Value.Contains('u', StringComparison.OrdinalIgnoreCase)))
        {
            return code;
        }

        var helper = TextHelpersCode.NameFor(strategy);
        int start = match.Index + match.Length;
        if (start < code.Length && code[start] == '(')
        {
            int close = PythonSyntax.Closing(code, start);
            if (close < 0)
            {
                return code;
            }

            var inside = code[(start + 1)..close];
            var items = PythonSyntax.SplitTopLevel(inside, ',').Select(p => WrapIfValue(p.Text, helper, helpers));
            return code[..(start + 1)] + string.Join(",", items) + code[close..];
        }

        var operand = Operand().Match(code, start);
        return operand.Success && operand.Index == start
            ? code[..start] + WrapIfValue(operand.Value, helper, helpers) + code[(start + operand.Length)..]
            : code;
    }

    /// <summary>
    /// <c>x = 'Title: ' + title</c>, <c>Log('Title: ' + title)</c>: where a string literal is concatenated (in the
    /// statement or in the arguments of the call it is), every non-literal term through the helper.
    /// </summary>
    private static string CoerceConcatenation(string code, TextStrategy strategy, List<string> helpers)
    {
        var assignment = Assignment().Match(code);
        int start = assignment.Success ? assignment.Length : code.Length - code.TrimStart().Length;
        return code[..start] + CoerceSum(code[start..], strategy, helpers, 0);
    }

    private static string CoerceSum(string expression, TextStrategy strategy, List<string> helpers, int depth)
    {
        var terms = PythonSyntax.SplitTopLevel(expression, '+');
        if (terms.Count < 2)
        {
            // A call: look at its arguments.
            var call = CallForm().Match(expression);
            if (depth > 2 || !call.Success)
            {
                return expression;
            }

            int open = call.Length - 1;
            int close = PythonSyntax.Closing(expression, open);
            if (close < 0 || expression[(close + 1)..].Trim().Length > 0)
            {
                return expression;
            }

            var arguments = PythonSyntax.SplitTopLevel(expression[(open + 1)..close], ',').Select(a => CoerceSum(a.Text, strategy, helpers, depth + 1));
            return expression[..(open + 1)] + string.Join(",", arguments) + expression[close..];
        }

        if (!terms.Any(t => PythonSyntax.IsLiteral(t.Text) && !IsNumber(t.Text)))
        {
            return expression;
        }

        if (strategy == TextStrategy.ToBytes && terms.Any(t => IsUnicodeLiteral(t.Text)))
        {
            return expression;
        }

        var helper = TextHelpersCode.NameFor(strategy);
        return string.Join("+", terms.Select(t => WrapIfValue(t.Text, helper, helpers)));
    }

    private static string WrapIfValue(string part, string helper, List<string> helpers)
    {
        if (PythonSyntax.IsLiteral(part) || IsWrapped(part) || part.Trim().Length == 0)
        {
            return part;
        }

        helpers.Add(helper);
        return Wrap(part, helper);
    }

    /// <summary>Wraps the expression, keeping the whitespace around it.</summary>
    private static string Wrap(string part, string helper)
    {
        var trimmed = part.Trim();
        int lead = part.Length - part.TrimStart().Length;
        return part[..lead] + helper + "(" + trimmed + ")" + part[(lead + trimmed.Length)..];
    }

    private static bool IsWrapped(string part)
    {
        var t = part.Trim();
        return t.StartsWith(TextHelpersCode.ToTextName + "(", StringComparison.Ordinal) || t.StartsWith(TextHelpersCode.ToBytesName + "(", StringComparison.Ordinal);
    }

    private static bool IsUnicodeLiteral(string part)
    {
        var t = part.TrimStart();
        return t.Length > 1 && t[0] is 'u' or 'U' && t[1] is '\'' or '"';
    }

    private static bool IsNumber(string part) => double.TryParse(part.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>Replaces each call matched by <paramref name="pattern"/> (its <c>name</c> group ends at the open bracket), last first.</summary>
    private static string ReplaceCalls(string code, Regex pattern, Func<string, string, string?> replace)
    {
        foreach (var match in pattern.Matches(code).Reverse())
        {
            int open = match.Index + match.Length - 1;
            int close = PythonSyntax.Closing(code, open);
            if (close < 0)
            {
                continue;
            }

            if (replace(match.Groups["name"].Value, code[(open + 1)..close]) is { } call)
            {
                code = code[..match.Index] + call + code[(close + 1)..];
            }
        }

        return code;
    }

    [GeneratedRegex(@"\.decode\(\s*(?<q>['""])(?:utf-?8|UTF-?8|ascii|ASCII|us-ascii)\k<q>\s*(?:,\s*(?<q2>['""])strict\k<q2>\s*)?\)")]
    private static partial Regex StrictDecode();

    [GeneratedRegex(@"(?<call>\.(?:en|de)code)\((?<q>['""])(?:ascii|us-ascii|ASCII)\k<q>")]
    private static partial Regex AsciiCodec();

    [GeneratedRegex(@"(?<![\w.])(?<name>str|unicode)\(")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"(?<![\w.])(?<name>urllib2?\.quote(?:_plus)?|quote(?:_plus)?|String\.Quote|String\.URLEncode|hashlib\.(?:md5|sha1|sha256))\(")]
    private static partial Regex NeedsBytes();

    [GeneratedRegex(@"(?<prefix>[uUbBrR]{0,2})(?:'[^'\\\n]*(?:\\.[^'\\\n]*)*'|""[^""\\\n]*(?:\\.[^""\\\n]*)*"")\s*%\s*")]
    private static partial Regex FormatOperator();

    [GeneratedRegex(@"[\w.]+(?:\([^()]*\)|\[[^\]]*\])*")]
    private static partial Regex Operand();

    [GeneratedRegex(@"^\s*[\w.]+\(")]
    private static partial Regex CallForm();

    [GeneratedRegex(@"^\s*(?:return\s+|[\w.\[\]'""]+\s*=(?!=)\s*)")]
    private static partial Regex Assignment();
}
