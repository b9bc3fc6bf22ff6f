namespace PlexImprove.Sandbox.Tests.Providers;

/// <summary>One provider for the contract tests of a class (starting plug-in processes is the slow part).</summary>
public sealed class SharedProvider : IAsyncLifetime
{
    internal RunningProvider Provider { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Provider = await RunningProvider.StartAsync();

    public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
}
