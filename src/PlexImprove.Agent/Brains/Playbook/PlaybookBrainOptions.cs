using PlexImprove.Agent.Sites;

namespace PlexImprove.Agent.Brains.Playbook;

/// <summary>What the playbook brain needs from outside: a way to read the pages sites serve, and the clock.</summary>
public sealed class PlaybookBrainOptions
{
    /// <summary>Reads the pages the agents use (confirming a block, a title, a changed layout). Null: rules that need a page say so and build no fix.</summary>
    public IPageFetcher? Fetcher { get; init; }

    /// <summary>The clock for the report's timestamp. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long one page fetch may take. Default: 20 seconds.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The most pages one rule fetches for one agent. Default: 4.</summary>
    public int MaxPagesPerRule { get; init; } = 4;
}
