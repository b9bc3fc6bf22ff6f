using System.Net;
using PlexImprove.Core.Errors;
using PlexImprove.Mcp.Hosting;
using PlexImprove.Mcp.Tests.TestSupport;
using Xunit;

namespace PlexImprove.Mcp.Tests.Hosting;

/// <summary>The HTTP transport against a hostile web page or client: DNS rebinding, weak tokens, huge bodies, abandoned sessions.</summary>
public sealed class HttpRailsTests
{
    private const string Initialize = InProcessHttpServer.Initialize;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("evil.example", null)]
    [InlineData("rebind.attacker.example:8765", null)]
    [InlineData("127.0.0.1", "http://evil.example")]
    [InlineData("localhost", "null")]
    public async Task Request_NamingAnotherHostOrOrigin_IsRefusedEvenWithoutAuth(string host, string? origin)
    {
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions());
        using var request = server.Post(Initialize);
        request.Headers.Host = host;
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Host or Origin", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData("localhost", "http://localhost:6274")]
    public async Task Request_FromThisMachine_IsServed(string host, string? origin)
    {
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions());
        using var request = server.Post(Initialize);
        request.Headers.Host = host;
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_ForAConfiguredTunnelHost_IsServed()
    {
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions { AllowedHosts = ["mcp.tunnel.example"] });
        using var request = server.Post(Initialize);
        request.Headers.Host = "mcp.tunnel.example";

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Zq9")]
    [InlineData("tok-Zq9-15chars")]
    public void Validate_TokenShorterThanSixteenCharacters_IsRefused(string token)
    {
        var error = Assert.Throws<InvalidInputException>(() => McpHttpHost.Validate(McpHttpEndpoint.Parse("127.0.0.1:8765"), token, noAuth: false));

        Assert.Contains("at least 16", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_BodyOverTheCap_IsRefusedWith413()
    {
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions { MaxRequestBodyBytes = 64 * 1024 });
        var huge = Initialize.Replace("\"t\"", "\"" + new string('a', 200 * 1024) + "\"", StringComparison.Ordinal);
        using var request = server.Post(huge);

        using var response = await server.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Sessions_AbandonedBeyondTheLimit_AreClosedOldestFirst()
    {
        await using var server = await InProcessHttpServer.StartAsync(new McpHttpOptions { MaxIdleSessions = 3 });
        var sessions = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            using var request = server.Post(Initialize);
            using var response = await server.Client.SendAsync(request, Ct);
            sessions.Add(response.Headers.GetValues("Mcp-Session-Id").Single());
        }

        // The SDK prunes idle sessions on its own schedule (no clock of ours drives it): wait for it, bounded.
        await Eventually.TrueAsync(async ct => await server.PingAsync(sessions[0], ct) == HttpStatusCode.NotFound, "the oldest of 12 sessions (limit 3) was closed");

        Assert.Equal(HttpStatusCode.OK, await server.PingAsync(sessions[^1], Ct));
    }
}
