using System.Text.RegularExpressions;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// REGEXP_MATCHES and REGEXP_EXTRACT on .NET's non-backtracking engine, which like DuckDB's RE2 runs in linear time and
/// has no backreferences or lookaround; culture-invariant, with a match timeout; RE2's syntax rewritten by
/// <see cref="Re2Pattern"/>. A pattern matches anywhere in the text (use <c>^</c> and <c>$</c> to anchor).
/// </summary>
internal static class RegexFunctions
{
    /// <summary>The longest one match may take.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The highest group REGEXP_EXTRACT takes, as DuckDB.</summary>
    public const int MaxGroup = 9;

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>Compiles a constant pattern once, at bind time.</summary>
    public static Regex Compile(string pattern, string location)
    {
        try
        {
            return new Regex(Re2Pattern.ToDotNet(pattern), Options, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw Invalid(pattern, location, e);
        }
        catch (NotSupportedException e)
        {
            throw Invalid(pattern, location, e);
        }
    }

    public static bool IsMatch(Regex regex, string text, string location)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw TimedOut(location);
        }
    }

    /// <summary>A pattern that changes per row: compiled through the runtime's regex cache.</summary>
    public static bool IsMatch(string text, string pattern, string location)
    {
        try
        {
            return Regex.IsMatch(text, Re2Pattern.ToDotNet(pattern), Options, MatchTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            throw TimedOut(location);
        }
        catch (ArgumentException e)
        {
            throw Invalid(pattern, location, e);
        }
        catch (NotSupportedException e)
        {
            throw Invalid(pattern, location, e);
        }
    }

    /// <summary>The text of <paramref name="group"/> (0: the whole match) of the first match; empty when there is none.</summary>
    public static string Extract(Regex regex, string text, int group, string location)
    {
        try
        {
            var match = regex.Match(text);
            return match.Success ? match.Groups[group].Value : string.Empty;
        }
        catch (RegexMatchTimeoutException)
        {
            throw TimedOut(location);
        }
    }

    /// <summary>A pattern that changes per row: compiled through the runtime's regex cache.</summary>
    public static string Extract(string text, string pattern, int group, string location)
    {
        try
        {
            var match = Regex.Match(text, Re2Pattern.ToDotNet(pattern), Options, MatchTimeout);
            return match.Success ? match.Groups[group].Value : string.Empty;
        }
        catch (RegexMatchTimeoutException)
        {
            throw TimedOut(location);
        }
        catch (ArgumentException e)
        {
            throw Invalid(pattern, location, e);
        }
        catch (NotSupportedException e)
        {
            throw Invalid(pattern, location, e);
        }
    }

    private static QueryException Invalid(string pattern, string location, Exception e)
    {
        var why = e is RegexParseException parse ? $"{parse.Error} at offset {parse.Offset}" : e.Message.ReplaceLineEndings(" ");
        return new($"invalid regular expression at {location}: '{SourceLocation.Quote(pattern)}': {why}");
    }

    private static QueryException TimedOut(string location) =>
        new($"regular expression timeout at {location}: a match took longer than {MatchTimeout.TotalSeconds:0} seconds");
}
