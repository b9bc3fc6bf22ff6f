namespace PlexImprove.Core.Signatures;

/// <summary>The failure family of an error signature (the <c>kind</c> field of the metrics document).</summary>
public enum SignatureKind
{
    Http,
    Timeout,
    NoResults,
    Match,
    Parse,
    Exception,
    Model,
    Load,
    Other,
}
