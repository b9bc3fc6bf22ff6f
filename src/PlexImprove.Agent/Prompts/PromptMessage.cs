using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace PlexImprove.Agent.Prompts;

/// <summary>One rendered message of a prompt, exactly as the model receives it.</summary>
/// <param name="Role"><c>system</c>, <c>user</c> or <c>assistant</c>.</param>
/// <param name="Content">The text, trimmed, with no markup added.</param>
public sealed record PromptMessage(string Role, string Content)
{
    /// <summary>The messages as a chat history, for a caller that talks to a chat service without a kernel function.</summary>
    public static ChatHistory ToChatHistory(IEnumerable<PromptMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = new ChatHistory();
        foreach (var message in messages)
        {
            history.Add(new ChatMessageContent(new AuthorRole(message.Role), message.Content));
        }

        return history;
    }
}
