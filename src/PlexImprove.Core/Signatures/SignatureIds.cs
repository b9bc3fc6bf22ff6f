using System.Security.Cryptography;
using System.Text;

namespace PlexImprove.Core.Signatures;

/// <summary>Stable signature ids: the same kind and template give the same id in every run and on every machine.</summary>
public static class SignatureIds
{
    public static string For(SignatureKind kind, string template)
    {
        var name = KindName(kind);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + template));
        return $"{name}-{Convert.ToHexStringLower(hash.AsSpan(0, 5))}";
    }

    /// <summary>The schema's spelling of a kind (<c>no-results</c> …).</summary>
    public static string KindName(SignatureKind kind) => kind switch
    {
        SignatureKind.Http => "http",
        SignatureKind.Timeout => "timeout",
        SignatureKind.NoResults => "no-results",
        SignatureKind.Match => "match",
        SignatureKind.Parse => "parse",
        SignatureKind.Exception => "exception",
        SignatureKind.Model => "model",
        SignatureKind.Load => "load",
        _ => "other",
    };
}
