using System.Text.RegularExpressions;

namespace OrleansProc.Contracts;

/// <summary>
/// The allow-list for dataset and job names, checked before a name touches a blob path: 1-100 characters of
/// letters, digits, '_', '-' and '.', starting with a letter or digit, without "..".
/// </summary>
public static partial class Names
{
    public const int MaxLength = 100;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && NamePattern().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>Null when valid, else the reason.</summary>
    public static string? Validate(string? name, string what) => IsValid(name)
        ? null
        : $"invalid {what} name '{Printable(name)}': use 1-{MaxLength} letters, digits, '_', '-' or '.', starting with a letter or digit";

    private static string Printable(string? name)
    {
        if (name is null)
        {
            return string.Empty;
        }

        var shown = name.Length > 40 ? name[..40] + "…" : name;
        return new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
