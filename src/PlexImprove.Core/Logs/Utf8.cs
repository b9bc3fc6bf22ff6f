using System.Text;

namespace PlexImprove.Core.Logs;

/// <summary>UTF-8 decoding that never throws: invalid bytes become U+FFFD, as the counting rules require.</summary>
internal static class Utf8
{
    private static readonly UTF8Encoding Lenient = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes) => bytes.IsEmpty ? "" : Lenient.GetString(bytes);
}
