namespace PlexImprove.Cli.Hosting;

/// <summary>Optional notifications (<c>Notify:*</c>).</summary>
public sealed class NotifySettings
{
    /// <summary>A URL that receives a JSON POST when a run ends or stops on an error; empty for none.</summary>
    public string WebhookUrl { get; set; } = "";
}
