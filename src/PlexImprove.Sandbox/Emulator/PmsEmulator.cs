using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PlexImprove.Core.Errors;
using PlexImprove.Sandbox.Plugins;

namespace PlexImprove.Sandbox.Emulator;

/// <summary>
/// The Plex Media Server emulator on loopback: token-checked endpoints (401 with an HTML body otherwise),
/// JSON when asked for with <c>Accept: application/json</c> and XML otherwise.
/// </summary>
public sealed class PmsEmulator : IAsyncDisposable
{
    private const string UnauthorizedHtml = "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>";
    private readonly WebApplication _app;
    private readonly SandboxLibrary _library;
    private readonly RefreshQueue _refreshes;
    private readonly PluginHost _plugins;
    private readonly NotificationHub _hub;
    private readonly string _token;
    private readonly string _machineIdentifier;
    private readonly ParsedDocuments _documents = new();

    private PmsEmulator(WebApplication app, SandboxLibrary library, RefreshQueue refreshes, PluginHost plugins, NotificationHub hub, string token)
    {
        Sites = new Dictionary<string, string>();
        _app = app;
        _library = library;
        _refreshes = refreshes;
        _plugins = plugins;
        _hub = hub;
        _token = token;
        _machineIdentifier = Guid.NewGuid().ToString("N");
    }

    public int Port { get; private set; }

    /// <summary>The scenario's site hosts and the loopback URL serving each, answered at <c>GET /:/plexbox/sites</c>.</summary>
    public IReadOnlyDictionary<string, string> Sites { get; private set; }

    /// <summary>Where the box's agents connect (<c>fake</c>: only <see cref="Sites"/>; <c>real</c>: the real network), also at <c>GET /:/plexbox/sites</c>.</summary>
    public Hosting.SandboxNetwork Network { get; private set; }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    /// <param name="port">Loopback port (0 = any free one).</param>
    /// <param name="token">The token every request but <c>/identity</c> must carry.</param>
    /// <param name="library">The sections and items served.</param>
    /// <param name="refreshes">The queue refresh requests go to.</param>
    /// <param name="plugins">The agent processes (restart endpoint).</param>
    /// <param name="hub">The notification websocket hub.</param>
    /// <param name="ct">Cancels start-up.</param>
    /// <param name="sites">Host name to loopback URL of each fake site (<c>GET /:/plexbox/sites</c>); null for none.</param>
    /// <param name="network">Where the box's agents connect, reported with the sites.</param>
    public static async Task<PmsEmulator> StartAsync(int port, string token, SandboxLibrary library, RefreshQueue refreshes,
        PluginHost plugins, NotificationHub hub, CancellationToken ct, IReadOnlyDictionary<string, string>? sites = null, Hosting.SandboxNetwork network = Hosting.SandboxNetwork.Fake)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var emulator = new PmsEmulator(app, library, refreshes, plugins, hub, token) { Sites = sites ?? new Dictionary<string, string>(), Network = network };
        app.UseWebSockets();
        app.Use(emulator.CheckTokenAsync);
        emulator.Map(app);
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new SandboxPortInUseException(port, e);
        }

        emulator.Port = new Uri(app.Urls.First()).Port;

        // The first page an agent parses would otherwise pay for loading and compiling the parser, evaluator and JSON
        // code paths (about 400 ms); this runs while the plug-in processes start.
        _ = Task.Run(emulator.WarmParser, CancellationToken.None);
        return emulator;
    }

    private async Task CheckTokenAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Equals("/identity", StringComparison.Ordinal))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var token = context.Request.Headers["X-Plex-Token"].ToString();
        if (string.IsNullOrEmpty(token))
        {
            token = context.Request.Query["X-Plex-Token"].ToString();
        }

        if (!string.Equals(token, _token, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(UnauthorizedHtml, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/identity", context => WriteAsync(context, new PlexNode("MediaContainer")
            .Set("size", 0).Set("claimed", false).Set("machineIdentifier", _machineIdentifier).Set("version", SandboxVersion)));

        routes.MapGet("/", context => WriteAsync(context, new PlexNode("MediaContainer")
            .Set("size", 0).Set("friendlyName", "Plex in a box").Set("machineIdentifier", _machineIdentifier)
            .Set("version", SandboxVersion).Set("platform", "Sandbox").Set("myPlex", false)));

        // The library's root, as python-plexapi's server.library reads it.
        routes.MapGet("/library", context => WriteAsync(context, new PlexNode("MediaContainer")
            .Set("size", 3).Set("allowSync", false).Set("content", "secondary").Set("identifier", "com.plexapp.plugins.library")
            .Set("mediaTagPrefix", "/system/bundle/media/flags/").Set("mediaTagVersion", 1).Set("title1", "Plex Library").Set("title2", "")
            .Add(new PlexNode("Directory").Set("key", "sections").Set("title", "Library Sections"))
            .Add(new PlexNode("Directory").Set("key", "recentlyAdded").Set("title", "Recently Added Content"))
            .Add(new PlexNode("Directory").Set("key", "onDeck").Set("title", "On Deck Content"))));

        Task ListSections(HttpContext context)
        {
            var container = new PlexNode("MediaContainer").Set("size", _library.Sections.Count).Set("allowSync", false).Set("title1", "Plex Library");
            foreach (var section in _library.Sections)
            {
                container.Add(section.ToNode());
            }

            return WriteAsync(context, container);
        }

        routes.MapGet("/system/agents", context => WriteAsync(context, AgentDirectory.List(_plugins.Loaded)));
        routes.MapGet("/system/agents/{identifier}/config/{mediaType:int}", context =>
        {
            var identifier = context.Request.RouteValues["identifier"]?.ToString() ?? "";
            var frameworkType = AgentDirectory.FrameworkTypeOf(RouteInt(context, "mediaType"));
            var primary = _plugins.Loaded.FirstOrDefault(p => string.Equals(p.Bundle.Identifier, identifier, StringComparison.Ordinal));
            return primary is null
                ? NotFoundAsync(context)
                : WriteAsync(context, AgentDirectory.Config(primary, _plugins.LoadedContributors(primary, frameworkType), frameworkType));
        });

        routes.MapGet("/library/sections", ListSections);
        routes.MapGet("/library/sections/all", ListSections);

        routes.MapGet("/library/sections/{id:int}/all", context =>
        {
            var section = _library.Section(RouteInt(context, "id"));
            if (section is null)
            {
                return NotFoundAsync(context);
            }

            var title = context.Request.Query["title"].ToString();
            // type= lists one level of the section as Plex does (type=4: every episode of a show section); a type the
            // section does not hold lists nothing.
            var typeNumber = context.Request.Query["type"].ToString();
            var itemType = SectionType.ItemTypeOf(section.Type);
            var type = typeNumber.Length == 0 ? itemType : MetadataTypeName(typeNumber);
            var entries = type == itemType
                ? section.Items.Select(i => (i.Title, Node: (Func<PlexNode>)(() => i.ToNode())))
                : _library.LevelsOf(section, type).Select(c => (c.Title, Node: (Func<PlexNode>)c.ToNode));
            var matching = entries
                .Where(i => title.Length == 0 || i.Title.Contains(title, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var start = Math.Max(0, Paging(context, "X-Plex-Container-Start") ?? 0);
            var size = Math.Clamp(Paging(context, "X-Plex-Container-Size") ?? matching.Count, 0, MaxPageSize);
            var page = matching.Skip(start).Take(size).ToList();
            var container = new PlexNode("MediaContainer")
                .Set("size", page.Count).Set("totalSize", matching.Count).Set("offset", start)
                .Set("librarySectionID", section.Id).Set("librarySectionTitle", section.Title);
            foreach (var item in page)
            {
                container.Add(item.Node());
            }

            context.Response.Headers["X-Plex-Container-Start"] = start.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Plex-Container-Total-Size"] = matching.Count.ToString(CultureInfo.InvariantCulture);
            return WriteAsync(context, container);
        });

        routes.MapMethods("/library/sections/{id:int}/refresh", ["GET", "POST", "PUT"], context =>
        {
            var section = _library.Section(RouteInt(context, "id"));
            if (section is null)
            {
                return NotFoundAsync(context);
            }

            // As Plex: a scan refreshes only the items that need it (new, unmatched, failed); force=1 refreshes every item.
            var path = context.Request.Query["path"].ToString();
            var force = IsForced(context);
            foreach (var item in section.Items.Where(i => path.Length == 0 || i.File.StartsWith(path, StringComparison.Ordinal)).Where(i => force || i.NeedsRefresh))
            {
                _refreshes.Enqueue(item, force);
            }

            return Task.CompletedTask;
        });

        routes.MapGet("/library/sections/{id:int}/timeline", context =>
        {
            var section = _library.Section(RouteInt(context, "id"));
            return section is null
                ? NotFoundAsync(context)
                : WriteAsync(context, new PlexNode("MediaContainer").Set("size", 0).Set("updateQueueSize", _refreshes.QueueSize)
                    .Set("librarySectionID", section.Id));
        });

        // One item or several (`/library/metadata/1,2`), in the order asked; unknown ids are left out, none known is 404.
        routes.MapGet("/library/metadata/{rk}", context =>
        {
            var keys = ((string)context.GetRouteValue("rk")!).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var items = keys.Select(_library.Find).OfType<LibraryItem>().ToList();
            if (items.Count == 0)
            {
                // A season, episode, album or track, as its parent's children list it.
                var levels = keys.Select(_library.FindLevel).OfType<LibraryChild>().ToList();
                if (levels.Count == 0)
                {
                    return NotFoundAsync(context);
                }

                var levelsContainer = new PlexNode("MediaContainer").Set("size", levels.Count);
                foreach (var level in levels)
                {
                    levelsContainer.Add(level.ToNode());
                }

                return WriteAsync(context, levelsContainer);
            }

            var container = new PlexNode("MediaContainer").Set("size", items.Count);
            var sections = items.Select(i => i.SectionId).Distinct().ToList();
            if (sections.Count == 1)
            {
                var section = _library.SectionOf(items[0]);
                container.Set("librarySectionID", section.Id).Set("librarySectionTitle", section.Title).Set("librarySectionUUID", section.Uuid);
            }

            foreach (var item in items)
            {
                container.Add(item.ToNode());
            }

            return WriteAsync(context, container);
        });

        routes.MapGet("/library/metadata/{rk}/tree", context =>
        {
            var item = _library.Find((string)context.GetRouteValue("rk")!);
            return item is null
                ? NotFoundAsync(context)
                : WriteAsync(context, new PlexNode("MediaContainer").Set("size", 1).Set("librarySectionID", item.SectionId).Add(item.ToTreeNode()));
        });

        // Plex answers a movie's (or an episode's) children with an empty container, an unknown ratingKey with 404.
        routes.MapGet("/library/metadata/{rk}/children", context => WriteChildrenAsync(context, grandchildren: false));
        routes.MapGet("/library/metadata/{rk}/grandchildren", context => WriteChildrenAsync(context, grandchildren: true));

        routes.MapPut("/library/metadata/{rk}/refresh", context =>
        {
            // A season, episode, album or track is refreshed as Plex refreshes it with a legacy agent: through the
            // agent's update of the show (or artist, album) it belongs to.
            var rk = (string)context.GetRouteValue("rk")!;
            var item = _library.Find(rk) ?? _library.FindLevel(rk)?.Top;
            if (item is null)
            {
                return NotFoundAsync(context);
            }

            _refreshes.Enqueue(item, IsForced(context));
            return Task.CompletedTask;
        });

        routes.MapGet("/activities", context =>
        {
            var activities = _refreshes.Activities;
            var container = new PlexNode("MediaContainer").Set("size", activities.Count);
            foreach (var activity in activities)
            {
                container.Add(activity.ToNode());
            }

            return WriteAsync(context, container);
        });

        routes.MapGet("/:/eventsource/notifications", context => _hub.ServeEventsAsync(context.Response, context.RequestAborted));
        routes.Map("/:/websockets/notifications", ServeNotificationsAsync);
        routes.Map("/:/websocket/notifications", ServeNotificationsAsync);

        async Task ServeNotificationsAsync(HttpContext context)
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await _hub.ServeAsync(socket, context.RequestAborted).ConfigureAwait(false);
        }


        // Whatever fetches an agent's pages against the box (run, diagnose, chat, mcp) finds the fake site serving a host
        // here, and whether the box's agents use the real network instead; token required.
        routes.MapGet("/:/plexbox/sites", context =>
        {
            context.Response.ContentType = "application/json";
            var network = Network == Hosting.SandboxNetwork.Real ? "real" : "fake";
            return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { network, sites = Sites }), context.RequestAborted);
        });

        // HTML.ElementFromString/XML.ElementFromString in the box: the page is parsed and kept here, and every xpath() call
        // is evaluated here by the evaluator test_xpath uses, so the box and the tool agree by construction.
        routes.MapPost("/:/plexbox/html/parse", async context =>
        {
            try
            {
                ParsedTree tree;
                if (string.Equals(context.Request.Query["kind"].ToString(), "xml", StringComparison.Ordinal))
                {
                    using var body = new MemoryStream();
                    await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
                    body.Position = 0;
                    tree = _documents.ParseXml(body);
                }
                else
                {
                    using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                    tree = _documents.ParseHtml(await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false));
                }

                await WriteJsonAsync(context, StatusCodes.Status200OK, tree).ConfigureAwait(false);
            }
            catch (InvalidInputException e)
            {
                await WriteJsonAsync(context, StatusCodes.Status400BadRequest, new { error = e.Message }).ConfigureAwait(false);
            }
        });

        routes.MapPost("/:/plexbox/html/xpath", async context =>
        {
            XPathRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<XPathRequest>(context.Request.Body, JsonOptions, context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                await WriteJsonAsync(context, StatusCodes.Status400BadRequest, new { error = "bad request: " + e.Message }).ConfigureAwait(false);
                return;
            }

            if (request?.Expression is null)
            {
                await WriteJsonAsync(context, StatusCodes.Status400BadRequest, new { error = "bad request: doc, node and expr are required" }).ConfigureAwait(false);
                return;
            }

            try
            {
                await WriteJsonAsync(context, StatusCodes.Status200OK, _documents.Evaluate(request.Document, request.Node, request.Expression)).ConfigureAwait(false);
            }
            catch (KeyNotFoundException e)
            {
                await WriteJsonAsync(context, StatusCodes.Status404NotFound, new { error = e.Message }).ConfigureAwait(false);
            }
            catch (InvalidInputException e)
            {
                await WriteJsonAsync(context, StatusCodes.Status400BadRequest, new { error = e.Message }).ConfigureAwait(false);
            }
        });

        routes.MapGet("/:/plugins/{identifier}/restart", async context =>
        {
            var identifier = (string)context.GetRouteValue("identifier")!;
            if (!_plugins.Knows(identifier))
            {
                await NotFoundAsync(context).ConfigureAwait(false);
                return;
            }

            try
            {
                await _plugins.RestartAsync(identifier, context.RequestAborted).ConfigureAwait(false);
            }
            catch (PluginUnavailableException)
            {
                // Plex answers the restart even when the plug-in then fails to start; its log says why.
            }
        });
    }

    private void WarmParser()
    {
        var warm = new ParsedDocuments(1);
        var tree = warm.ParseHtml("<html><body><p class=\"w\">warm</p></body></html>");
        JsonSerializer.Serialize(tree, JsonOptions);
        JsonSerializer.Serialize(warm.Evaluate(tree.Document, 0, "//p[@class='w']/text() | //p"), JsonOptions);
        JsonSerializer.Deserialize<XPathRequest>("{\"doc\":1,\"node\":0,\"expr\":\"count(//p)\"}", JsonOptions);
    }

    /// <summary>The version string the emulator reports.</summary>
    public const string SandboxVersion = "1.41.3.9314-sandbox";

    /// <summary>The largest page <c>/all</c> returns, as a real server caps page sizes.</summary>
    public const int MaxPageSize = 1000;

    private static int RouteInt(HttpContext context, string name) =>
        int.Parse((string)context.GetRouteValue(name)!, CultureInfo.InvariantCulture);

    private static bool IsForced(HttpContext context) =>
        context.Request.Query["force"].ToString() is "1" or "true";

    private static int? Paging(HttpContext context, string name)
    {
        var value = context.Request.Headers[name].ToString();
        if (value.Length == 0)
        {
            value = context.Request.Query[name].ToString();
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private Task WriteChildrenAsync(HttpContext context, bool grandchildren)
    {
        var rk = (string)context.GetRouteValue("rk")!;
        if (_library.ChildrenOf(rk) is not { } found)
        {
            return NotFoundAsync(context);
        }

        var (children, section, title) = found;
        var listed = grandchildren ? children.SelectMany(c => c.Children).ToList() : children;
        var container = new PlexNode("MediaContainer").Set("size", listed.Count)
            .Set("key", rk)
            .Set("parentTitle", title)
            .Set("librarySectionID", section.Id)
            .Set("librarySectionTitle", section.Title)
            .Set("librarySectionUUID", section.Uuid);
        foreach (var child in listed)
        {
            container.Add(child.ToNode());
        }

        return WriteAsync(context, container);
    }

    /// <summary>Plex's metadata type numbers, as <c>type=</c> takes them; an unknown number names no type.</summary>
    private static string MetadataTypeName(string number) => number switch
    {
        "1" => "movie",
        "2" => "show",
        "3" => "season",
        "4" => "episode",
        "8" => "artist",
        "9" => "album",
        "10" => "track",
        "13" => "photo",
        _ => "",
    };

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync("<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>", context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static Task WriteJsonAsync<T>(HttpContext context, int status, T value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, JsonOptions), Encoding.UTF8, context.RequestAborted);
    }

    private sealed record XPathRequest(
        [property: JsonPropertyName("doc")] long Document,
        [property: JsonPropertyName("node")] int Node,
        [property: JsonPropertyName("expr")] string? Expression);

    private static Task WriteAsync(HttpContext context, PlexNode container)
    {
        var json = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
        context.Response.ContentType = json ? "application/json" : "text/xml;charset=utf-8";
        return context.Response.WriteAsync(json ? container.ToJson() : container.ToXml(), Encoding.UTF8, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
