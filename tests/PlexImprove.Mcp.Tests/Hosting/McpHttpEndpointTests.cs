using System.Net;
using PlexImprove.Core.Errors;
using PlexImprove.Mcp.Hosting;
using Xunit;

namespace PlexImprove.Mcp.Tests.Hosting;

public sealed class McpHttpEndpointTests
{
    [Theory]
    [InlineData("127.0.0.1:8765", "127.0.0.1", 8765, true)]
    [InlineData("8765", "127.0.0.1", 8765, true)]
    [InlineData("localhost:0", "127.0.0.1", 0, true)]
    [InlineData("[::1]:9000", "::1", 9000, true)]
    [InlineData("192.168.1.20:8765", "192.168.1.20", 8765, false)]
    public void Parse_AcceptsHostPortForms(string text, string address, int port, bool loopback)
    {
        var endpoint = McpHttpEndpoint.Parse(text);

        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(loopback, endpoint.IsLoopback);
    }

    [Theory]
    [InlineData("example.com:8765")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:http")]
    public void Parse_RejectsWhatIsNotAnAddressAndPort(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => McpHttpEndpoint.Parse(text));

        Assert.Contains("--http", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RefusesNoAuthOffLoopback_AndNoTokenWithoutNoAuth()
    {
        var open = Assert.Throws<InvalidInputException>(() => McpHttpHost.Validate(McpHttpEndpoint.Parse("0.0.0.0:8765"), null, noAuth: true));
        var tokenless = Assert.Throws<InvalidInputException>(() => McpHttpHost.Validate(McpHttpEndpoint.Parse("127.0.0.1:8765"), null, noAuth: false));

        Assert.Contains("loopback", open.Message, StringComparison.Ordinal);
        Assert.Contains("MCP_TOKEN", tokenless.Message, StringComparison.Ordinal);
        McpHttpHost.Validate(McpHttpEndpoint.Parse("127.0.0.1:8765"), null, noAuth: true);
        McpHttpHost.Validate(McpHttpEndpoint.Parse("0.0.0.0:8765"), "a-long-random-token-0123", noAuth: false);
    }
}
