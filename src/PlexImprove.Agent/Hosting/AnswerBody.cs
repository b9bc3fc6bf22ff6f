using System.Net.Http.Headers;

namespace PlexImprove.Agent.Hosting;

/// <summary>Reads an answer's body whole, never past a cap: a larger body (declared or not) throws before it is held.</summary>
internal static class AnswerBody
{
    /// <summary>The body's bytes; <paramref name="tooLarge"/> (given the bytes seen) when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, Func<long, Exception> tooLarge, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw tooLarge(content.Headers.ContentLength.Value);
        }

        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw tooLarge(buffer.Length + read);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The same body, held in memory, with the original content headers (its length recomputed).</summary>
    public static ByteArrayContent Replay(byte[] body, HttpContentHeaders headers)
    {
        var content = new ByteArrayContent(body);
        foreach (var (name, values) in headers)
        {
            if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return content;
    }
}
