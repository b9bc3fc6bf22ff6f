using System.Net;
using System.Net.Sockets;

namespace PlexImprove.Agent.Sites;

/// <summary>
/// The page fetcher's connect step: resolves the host itself and connects only to public addresses, so a public-looking
/// name that resolves to <c>127.0.0.1</c>, <c>10.x</c>, <c>169.254.169.254</c> or <c>fd00::1</c> reaches nothing. The
/// check is on the address actually connected to, not on the name, so a name that changes its answer between a check
/// and the connection gains nothing. Hosts the user configured, and the box's own sites, may resolve anywhere.
/// </summary>
internal sealed class ResolvedAddressGuard
{
    private readonly HashSet<string> _anyAddress;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <param name="anyAddress">Host names allowed to resolve to any address.</param>
    /// <param name="resolve">Resolves a host name (default: the system's DNS).</param>
    public ResolvedAddressGuard(IEnumerable<string> anyAddress, Func<string, CancellationToken, Task<IPAddress[]>>? resolve)
    {
        _anyAddress = new HashSet<string>(anyAddress, StringComparer.OrdinalIgnoreCase);
        _resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, keep the public addresses, connect.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await _resolve(host, cancellationToken).ConfigureAwait(false);
        var usable = _anyAddress.Contains(host) ? addresses : [.. addresses.Where(IsPublic)];
        if (usable.Length == 0)
        {
            throw new NonPublicAddressException(addresses.Length == 0
                ? $"'{host}' resolves to no address; nothing was fetched."
                : $"'{host}' resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, an address of this machine or its local network; " +
                  "nothing was fetched (a site's name must not lead into the local network). Add the host to Agent:SiteHosts if it is meant to be reached.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="address"/> is on the public internet (not loopback, private, link-local, shared, multicast or reserved).</summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)   // shared address space (carrier NAT)
                || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // protocol assignments
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))  // benchmarking
                || b[0] >= 224);                                // multicast and reserved
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
                || address.IsIPv4MappedToIPv6 || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) // NAT64 of any IPv4 address
                || (b[0] == 0x20 && b[1] == 0x02)); // 6to4 carries an IPv4 address
        }

        return false;
    }
}
