using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PlexImprove.Agent.Hosting;
using PlexImprove.Core.Commands;
using PlexImprove.Core.Redaction;

namespace PlexImprove.Agent.Research;

/// <summary>
/// Connects to the configured research servers: in parallel, each within its start timeout, secrets resolved by
/// name at start-up. A stdio server gets only the usual system variables (PATH, HOME …) plus its own: the agent's
/// secrets (PLEX_TOKEN, OPENAI_API_KEY …) never reach a third-party process unless named in its <c>SecretEnv</c>.
/// </summary>
public sealed class ResearchConnector
{
    private readonly ResearchOptions _options;
    private readonly Func<string, string?> _secret;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <param name="options">The <c>Research</c> section.</param>
    /// <param name="secret">Looks a secret up by name (the environment or <c>.env</c>); null when unset.</param>
    /// <param name="loggerFactory">Where connection problems and the servers' stderr are logged.</param>
    /// <param name="time">The clock that measures each server's <c>StartTimeoutSeconds</c>; default the system's.</param>
    public ResearchConnector(ResearchOptions options, Func<string, string?> secret, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _options = options;
        _secret = secret;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("PlexImprove.Agent.Research");
        Redactor = new SecretRedactor(SecretValues());
    }

    public ResearchOptions Options => _options;

    /// <summary>Masks every secret a server is started with (for results, messages and the transcript).</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The values of every secret the servers name; kept out of every output.</summary>
    public IReadOnlyList<string?> SecretValues() =>
        [.. _options.Servers.SelectMany(s => s.SecretEnv.Concat(s.HeaderSecrets.Values)).Distinct(StringComparer.Ordinal).Select(_secret)];

    /// <summary>The configured server of that name, or null.</summary>
    public ResearchServerOptions? Find(string name) =>
        _options.Servers.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Connects every server offered in <paramref name="phase"/> in parallel. Failures are reported once through
    /// <paramref name="report"/> and the log and the server is skipped; the session holds the rest.
    /// </summary>
    public async Task<ResearchSession> AttachAsync(string phase, Action<string>? report, CancellationToken cancellationToken)
    {
        var offered = new List<ResearchServerOptions>();
        var statuses = new List<ResearchServerStatus>();
        foreach (var server in _options.Servers)
        {
            var problems = ResearchServerValidator.Validate(server);
            if (problems.Count > 0)
            {
                statuses.Add(Failed(server.Name, string.Join(" ", problems), report));
            }
            else if (ResearchServerValidator.PhasesOf(server).Contains(phase, StringComparer.Ordinal))
            {
                offered.Add(server);
            }
            else
            {
                statuses.Add(new ResearchServerStatus(server.Name, ResearchServerState.NotInPhase, $"not offered in {phase}", [], []));
            }
        }

        var attempts = offered.Select(async s =>
        {
            try
            {
                return (Server: s, Connection: await ConnectAsync(s, cancellationToken).ConfigureAwait(false), Error: (string?)null);
            }
            catch (ResearchServerUnavailableException e)
            {
                return (Server: s, Connection: (ResearchConnection?)null, Error: e.Message);
            }
        }).ToList();
        var results = await Task.WhenAll(attempts).ConfigureAwait(false);
        var connections = new List<ResearchConnection>();
        foreach (var (server, connection, error) in results)
        {
            if (connection is null)
            {
                statuses.Add(Failed(server.Name, error!, report));
                continue;
            }

            connections.Add(connection);
            statuses.Add(new ResearchServerStatus(server.Name, ResearchServerState.Attached, null, connection.Tools, connection.Withheld));
            _logger.LogInformation("Research server {Server}: {Count} tool(s) attached for {Phase}", server.Name, connection.Tools.Count, phase);
        }

        return new ResearchSession(phase, connections, statuses);
    }

    /// <summary>Starts or reaches one server and lists its tools, within its start timeout.</summary>
    /// <exception cref="ResearchServerUnavailableException">Misconfigured, did not start, or did not answer in time.</exception>
    public async Task<ResearchConnection> ConnectAsync(ResearchServerOptions server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        var problems = ResearchServerValidator.Validate(server);
        if (problems.Count > 0)
        {
            throw new ResearchServerUnavailableException(server.Name, string.Join(" ", problems));
        }

        var startTimeout = TimeSpan.FromSeconds(server.StartTimeoutSeconds);
        using var timer = new CancellationTokenSource(startTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        McpClient? client = null;
        try
        {
            client = await McpClient.CreateAsync(
                CreateTransport(server),
                new McpClientOptions { ClientInfo = new Implementation { Name = "plex-improve", Version = "1.0" }, TimeProvider = _time },
                _loggerFactory,
                timeout.Token).ConfigureAwait(false);
            var listed = await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var tools = new List<ResearchTool>();
            var withheld = new List<(string Tool, string Reason)>();
            foreach (var tool in listed)
            {
                var (attached, reason) = ResearchToolSelection.Decide(server, tool.ProtocolTool);
                if (attached)
                {
                    tools.Add(new ResearchTool(server.Name, tool, TimeSpan.FromSeconds(server.TimeoutSeconds), Math.Max(1000, _options.MaxResultChars), Redactor));
                }
                else
                {
                    withheld.Add((tool.Name, reason!));
                }
            }

            foreach (string missing in server.Tools.Where(t => !listed.Any(l => l.Name == t)))
            {
                withheld.Add((missing, "named in Tools but the server does not list it"));
            }

            return new ResearchConnection(server, client, tools, withheld);
        }
        catch (Exception e) when (e is not ResearchServerUnavailableException && !cancellationToken.IsCancellationRequested)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            string why = e is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"did not answer within {startTimeout.TotalSeconds:0} s (StartTimeoutSeconds)")
                : "could not be reached: " + Redactor.Redact(Describe(e));
            string what = server.Transport == ResearchTransports.Http ? $"at {server.Url}" : $"(command '{server.Command}')";
            throw new ResearchServerUnavailableException(server.Name,
                $"Research server '{server.Name}' {what} {why}. Check Research:Servers in appsettings.Local.json, or run '{PrintedCommand.Of("research list")}'.", e);
        }
    }

    private IClientTransport CreateTransport(ResearchServerOptions server)
    {
        if (server.Transport.Trim().Equals(ResearchTransports.Http, StringComparison.OrdinalIgnoreCase))
        {
            var headers = new Dictionary<string, string>(server.Headers, StringComparer.OrdinalIgnoreCase);
            foreach (var (header, secretName) in server.HeaderSecrets)
            {
                string value = _secret(secretName) ?? throw new ResearchServerUnavailableException(server.Name,
                    $"Research server '{server.Name}': header {header} needs the secret {secretName}; set it in the environment or .env.");
                headers[header] = header.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !value.Contains(' ', StringComparison.Ordinal) ? "Bearer " + value : value;
            }

            return new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(server.Url!),
                Name = server.Name,
                AdditionalHeaders = headers,
                ConnectionTimeout = TimeSpan.FromSeconds(server.StartTimeoutSeconds),
            }, _loggerFactory);
        }

        var environment = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
        foreach (var (key, value) in server.Env)
        {
            environment[key] = value;
        }

        foreach (string name in server.SecretEnv)
        {
            environment[name] = _secret(name) ?? throw new ResearchServerUnavailableException(server.Name,
                $"Research server '{server.Name}' needs the secret {name}; set it in the environment or .env.");
        }

        var serverLog = _loggerFactory.CreateLogger("PlexImprove.Agent.Research." + server.Name);
        return new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = server.Name,
            Command = server.Command!,
            Arguments = server.Args,
            InheritEnvironmentVariables = false,
            EnvironmentVariables = environment,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
            StandardErrorLines = line => serverLog.LogDebug("{Server} stderr: {Line}", server.Name, Redactor.Redact(line)),
        }, _loggerFactory);
    }

    /// <summary>The exception's message and its causes', without doubled full stops.</summary>
    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null && messages.Count < 3; current = current.InnerException)
        {
            string message = current.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !messages.Contains(message, StringComparer.Ordinal))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }

    private ResearchServerStatus Failed(string name, string message, Action<string>? report)
    {
        _logger.LogWarning("{Message} Going on without it.", message);
        report?.Invoke(message + " Going on without it.");
        return new ResearchServerStatus(name, ResearchServerState.Failed, message, [], []);
    }
}
