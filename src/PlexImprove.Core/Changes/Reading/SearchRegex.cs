using System.Text.RegularExpressions;
using PlexImprove.Core.Errors;

namespace PlexImprove.Core.Changes.Reading;

/// <summary>
/// The pattern of a code search, built so one call stays bounded: non-backtracking (linear in the line's length,
/// so <c>(a+)+$</c> cannot explode) wherever the pattern allows, else backtracking with the whole call's time as
/// its match timeout.
/// </summary>
internal static class SearchRegex
{
    /// <summary>The longest pattern taken; longer ones are not a search but a payload.</summary>
    public const int MaxPatternChars = 1000;

    public static Regex Create(string pattern, bool isRegex, TimeSpan timeLimit)
    {
        if (pattern.Length > MaxPatternChars)
        {
            throw new InvalidInputException($"The pattern has {pattern.Length} characters, more than {MaxPatternChars}; search for a shorter text.");
        }

        string expression = isRegex ? pattern : Regex.Escape(pattern);
        try
        {
            return new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, timeLimit);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and atomic groups need backtracking; the call's time limit bounds it.
        }
        catch (ArgumentException e)
        {
            throw Invalid(pattern, e);
        }

        try
        {
            return new Regex(expression, RegexOptions.CultureInvariant, timeLimit);
        }
        catch (ArgumentException e)
        {
            throw Invalid(pattern, e);
        }
    }

    /// <summary>Whether <paramref name="text"/> matches; a match that runs out of time ends the search with a clear message.</summary>
    public static bool IsMatch(Regex regex, string text, string pattern, TimeSpan timeLimit)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw TooSlow(pattern, timeLimit);
        }
    }

    public static InvalidInputException TooSlow(string pattern, TimeSpan timeLimit) => new(
        $"The search for '{pattern}' took more than {timeLimit.TotalSeconds:0.#} s and was stopped. Simplify the pattern (nested repetition such as (a+)+ and backreferences are slow), or search one bundle with 'under'.");

    private static InvalidInputException Invalid(string pattern, ArgumentException e) =>
        new($"'{pattern}' is not a valid regular expression: {e.Message}");
}
