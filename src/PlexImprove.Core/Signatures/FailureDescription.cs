namespace PlexImprove.Core.Signatures;

/// <summary>
/// What one failure text is: its kind and normalised template. The same bytes always describe the same way, so a
/// description is cached by the record's bytes; the example text is only decoded for a signature seen first.
/// </summary>
internal sealed record FailureDescription(SignatureKind Kind, string Template);
