using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlexImprove.Agent.Tests.Llm;

/// <summary>
/// An OpenAI-compatible chat/completions server on loopback (Kestrel, port 0), answering from a per-test script and
/// recording every request body. Streaming requests get server-sent events with a final usage chunk.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<JsonObject> _requests = new();
    private int _sequence;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Request bodies, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Requests => [.. _requests];

    public static async Task<FakeOpenAiServer> StartAsync(params FakeReply[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        foreach (var reply in script)
        {
            server._script.Enqueue(reply);
        }

        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>All message texts of request <paramref name="index"/> joined, for "is X in the prompt" checks.</summary>
    public string MessagesText(int index) =>
        string.Join("\n", Requests[index]["messages"]!.AsArray().Select(m => m!["content"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            { } other => other.ToJsonString(),
            null => "",
        }));

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        _requests.Enqueue(body);
        int sequence = Interlocked.Increment(ref _sequence);
        if (!_script.TryDequeue(out var reply))
        {
            reply = FakeReply.Failure(500);
        }

        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Status != 200)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.ErrorBody ?? "{}");
            return;
        }

        if (reply.Raw is { } raw)
        {
            context.Response.ContentType = raw.ContentType;
            await context.Response.WriteAsync(raw.Body);
            return;
        }

        string model = body["model"]?.GetValue<string>() ?? "fake";
        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(context, reply, model, sequence);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.ToCompletion(model, sequence).ToJsonString());
    }

    private static async Task StreamAsync(HttpContext context, FakeReply reply, string model, int sequence)
    {
        context.Response.ContentType = "text/event-stream";
        if (reply.ToolCalls.Count > 0)
        {
            var calls = new JsonArray();
            for (int i = 0; i < reply.ToolCalls.Count; i++)
            {
                calls.Add(new JsonObject
                {
                    ["index"] = i,
                    ["id"] = $"call_{sequence}_{i}",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = reply.ToolCalls[i].Name, ["arguments"] = reply.ToolCalls[i].ArgumentsJson },
                });
            }

            await WriteChunk(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["tool_calls"] = calls } });
            await WriteChunk(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "tool_calls" });
            await WriteUsageAndDone();
            return;
        }

        var words = (reply.Content ?? "").Split(' ');
        for (int i = 0; i < words.Length; i++)
        {
            if (i == reply.ResetAfterChunks)
            {
                if (reply.ResetWhen is { } when)
                {
                    await when.WaitAsync(context.RequestAborted);
                }

                context.Abort();
                return;
            }

            string piece = i == 0 ? words[i] : " " + words[i];
            await WriteChunk(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject { ["role"] = "assistant", ["content"] = piece } });
        }

        await WriteChunk(new JsonObject { ["index"] = 0, ["delta"] = new JsonObject(), ["finish_reason"] = "stop" });
        await WriteUsageAndDone();

        async Task WriteUsageAndDone()
        {
            if (reply.WithoutUsage)
            {
                await context.Response.WriteAsync("data: [DONE]\n\n");
                return;
            }

            var usage = new JsonObject
            {
                ["id"] = $"chatcmpl-{sequence}",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1764547200,
                ["model"] = model,
                ["choices"] = new JsonArray(),
                ["usage"] = reply.Usage(),
            };
            await context.Response.WriteAsync($"data: {usage.ToJsonString()}\n\n");
            await context.Response.WriteAsync("data: [DONE]\n\n");
        }

        async Task WriteChunk(JsonObject choice)
        {
            var chunk = new JsonObject
            {
                ["id"] = $"chatcmpl-{sequence}",
                ["object"] = "chat.completion.chunk",
                ["created"] = 1764547200,
                ["model"] = model,
                ["choices"] = new JsonArray(choice),
            };
            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
            await context.Response.Body.FlushAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
