using System.Globalization;
using System.Net;
using PlexImprove.Core.Errors;

namespace PlexImprove.Mcp.Hosting;

/// <summary>Where the Streamable HTTP transport listens: <c>HOST:PORT</c>, or a bare <c>PORT</c> meaning 127.0.0.1.</summary>
public sealed record McpHttpEndpoint(IPAddress Address, int Port)
{
    /// <summary>The path the MCP endpoint is mapped to.</summary>
    public const string Path = "/mcp";

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Parses <c>127.0.0.1:8765</c>, <c>[::1]:8765</c>, <c>localhost:8765</c> or <c>8765</c>; port 0 picks a free port.</summary>
    public static McpHttpEndpoint Parse(string text)
    {
        string value = text.Trim();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int bare))
        {
            return new McpHttpEndpoint(IPAddress.Loopback, CheckPort(bare, text));
        }

        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            throw new InvalidInputException($"--http '{text}' is not HOST:PORT; use for example --http 127.0.0.1:8765.");
        }

        string host = value[..colon].Trim('[', ']');
        IPAddress? address = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : null;
        if (address is null)
        {
            throw new InvalidInputException($"--http '{text}': '{host}' is not an IP address; use 127.0.0.1 (this machine only) or the address of one of its interfaces.");
        }

        return new McpHttpEndpoint(address, CheckPort(port, text));
    }

    public override string ToString() =>
        $"{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static int CheckPort(int port, string text) =>
        port is >= 0 and <= 65535 ? port : throw new InvalidInputException($"--http '{text}': the port must be between 0 and 65535.");
}
