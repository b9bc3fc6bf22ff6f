namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>Adds or changes keyword arguments of fetcher calls (<c>headers=</c>, <c>sleep=</c>, <c>timeout=</c>) in a rewrite.</summary>
public static class FetchCallEdit
{
    /// <summary>
    /// Appends <paramref name="arguments"/> (each <c>name=value</c>) to the call, after its last argument, as one insertion.
    /// </summary>
    public static void AddArguments(SourceRewrite rewrite, FetchCall call, IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        var text = call.File.Text;
        int last = call.Close - 1;
        while (last > call.Start && char.IsWhiteSpace(text[last]))
        {
            last--;
        }

        bool trailingComma = text[last] == ',';
        bool noArguments = text[last] == '(';
        var joined = string.Join(", ", arguments);
        rewrite.Insert(call.File, last + 1, (trailingComma ? " " : noArguments ? "" : ", ") + joined);
    }

    /// <summary>Replaces the value of keyword <paramref name="keyword"/> of the call by <paramref name="value"/>; false when the call does not pass it.</summary>
    public static bool ReplaceValue(SourceRewrite rewrite, FetchCall call, string keyword, string value)
    {
        var current = call.ValueOf(keyword);
        if (current is null)
        {
            return false;
        }

        int argsStart = call.File.Text.IndexOf('(', call.Start) + 1;
        var match = System.Text.RegularExpressions.Regex.Match(call.Arguments, @"(^|[\s,(])" + System.Text.RegularExpressions.Regex.Escape(keyword) + @"\s*=(?!=)\s*");
        int start = argsStart + match.Index + match.Length;
        int end = argsStart + FetchCall.SkipExpression(call.Arguments, match.Index + match.Length);
        while (end > start && char.IsWhiteSpace(call.File.Text[end - 1]))
        {
            end--;
        }

        rewrite.Replace(call.File, start, end, value);
        return true;
    }
}
