using System.Net;
using System.Text.RegularExpressions;
using Microsoft.SemanticKernel.ChatCompletion;

namespace PlexImprove.Agent.Brains.Llm;

/// <summary>
/// Turns a rendered prompt into chat messages: each <c>&lt;message role="system|user|assistant"&gt;…&lt;/message&gt;</c>
/// block becomes one message (entities decoded, as Semantic Kernel's own prompt parser does); text outside any
/// block becomes a user message, so a prompt without blocks still works.
/// </summary>
public static partial class PromptMessages
{
    public static ChatHistory Parse(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var history = new ChatHistory();
        int position = 0;
        foreach (Match m in MessageBlock().Matches(rendered))
        {
            AddLoose(rendered[position..m.Index]);
            string content = WebUtility.HtmlDecode(m.Groups["content"].Value).Trim();
            var role = m.Groups["role"].Value.ToLowerInvariant() switch
            {
                "system" => AuthorRole.System,
                "assistant" => AuthorRole.Assistant,
                _ => AuthorRole.User,
            };
            history.AddMessage(role, content);
            position = m.Index + m.Length;
        }

        AddLoose(rendered[position..]);
        return history;

        void AddLoose(string text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                history.AddUserMessage(text.Trim());
            }
        }
    }

    [GeneratedRegex("<message\\s+role=\"(?<role>[a-zA-Z]+)\"\\s*>(?<content>.*?)</message>", RegexOptions.Singleline)]
    private static partial Regex MessageBlock();
}
