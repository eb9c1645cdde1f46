using System.Text.RegularExpressions;

namespace OrleansProc.Contracts;

/// <summary>
/// The allow-list for dataset and job names, checked before a name touches a blob path (by the client and again by
/// the grains): 1-100 characters of ASCII letters, digits, '_', '-' and '.', starting with a letter or digit, not
/// ending with '.', without "..". So no '/', '\', '%', control character, space or path segment such as ".." can
/// reach a blob name, and no name Azure Storage would change (it drops trailing dots).
/// </summary>
public static partial class Names
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>Null when valid, else the reason.</summary>
    public static string? Validate(string? name, string what) => IsValid(name)
        ? null
        : $"invalid {what} name '{Printable(name)}'{(name is { Length: > MaxLength } ? $" ({name.Length} characters)" : string.Empty)}: use 1-{MaxLength} letters, digits, '_', '-' or '.', starting with a letter or digit, not ending with '.'";

    private static string Printable(string? name)
    {
        if (name is null)
        {
            return string.Empty;
        }

        var shown = name.Length > 40 ? name[..40] + "…" : name;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
