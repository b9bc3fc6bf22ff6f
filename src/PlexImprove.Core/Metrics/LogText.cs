namespace PlexImprove.Core.Metrics;

/// <summary>The fixed texts the counting rules look for (UTF-8, so the hot path never decodes).</summary>
internal static class LogText
{
    public static ReadOnlySpan<byte> FooterMark => ":: *"u8;
    public static ReadOnlySpan<byte> SearchPhaseTag => "SEARCH::"u8;
    public static ReadOnlySpan<byte> UpdatePhaseTag => "UPDATE::"u8;
    public static ReadOnlySpan<byte> NoiseWord => "resource"u8;
    public static ReadOnlySpan<byte> TimedOut => "timed out"u8;
    public static ReadOnlySpan<byte> SearchStart => "Searching for matches for {"u8;
    public static ReadOnlySpan<byte> SearchCrash => "Exception in the search function of agent named"u8;
    public static ReadOnlySpan<byte> UpdateCrash => "Exception in the update function of agent named"u8;
    public static ReadOnlySpan<byte> NoiseResourceHashesUrl => "/:/plugins/com.plexapp.system/resourceHashes"u8;
    public static ReadOnlySpan<byte> NoiseResourceHashesException => "Exception getting hosted resource hashes"u8;
    public static ReadOnlySpan<byte> MatchFailureSuffix => " Match Failure! >"u8;
    public static ReadOnlySpan<byte> ExceptionWord => "Exception "u8;
    public static ReadOnlySpan<byte> TitleMatchFailure => "< Title Match Failure! >"u8;
    public static ReadOnlySpan<byte> StudioMatchFailure => "< Studio Match Failure! >"u8;
    public static ReadOnlySpan<byte> DateMatchFailure => "< Release Date Match Failure! >"u8;
    public static ReadOnlySpan<byte> DurationMatchFailure => "< Duration Match Failure! >"u8;
    public static ReadOnlySpan<byte> NoResults => "Search Query did not pull any results"u8;
    public static ReadOnlySpan<byte> UrlError => "Error opening URL '"u8;
    public static ReadOnlySpan<byte> HttpError => "HTTP Error "u8;
    public static ReadOnlySpan<byte> ModelReadError => "Cannot read model from"u8;
    public static ReadOnlySpan<byte> LoadFailureCode => "Exception while loading code"u8;
    public static ReadOnlySpan<byte> LoadFailureStart => "Exception starting plug-in"u8;
    public static ReadOnlySpan<byte> HandlingRequest => "Handling request "u8;
    public static ReadOnlySpan<byte> FoundRoute => "Found route matching "u8;
    public static ReadOnlySpan<byte> RatingKeyArgument => "'id': '"u8;
}
