namespace PlexImprove.Core.Signatures;

/// <summary>One failure found in a record: its kind, normalised template and the raw text it came from.</summary>
internal readonly record struct FailureEvent(SignatureKind Kind, string Template, string Example);
