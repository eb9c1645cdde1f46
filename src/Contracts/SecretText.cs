using System.Text.RegularExpressions;

namespace OrleansProc.Contracts;

/// <summary>
/// Takes secrets out of text bound for a log, an error line or a job status: the values of AccountKey, SharedAccessSignature,
/// a SAS token's sig settings or query parameters, and the key and SAS of the configured
/// ORLEANSPROC_STORAGE wherever they appear, each replaced by "***".
/// </summary>
public static partial class SecretText
{
    public const string Mask = "***";

    public static string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrubbed = SecretSetting().Replace(text, m => m.Groups["name"].Value + Mask);
        foreach (var secret in ConfiguredSecrets(StorageNames.ConnectionString))
        {
            scrubbed = scrubbed.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return scrubbed;
    }

    /// <summary>The values of a connection string that are secret (its account key and SAS, and the SAS's signature), longest first.</summary>
    public static IReadOnlyList<string> ConfiguredSecrets(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var secrets = new List<string>();
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (value.Length >= 8 && (name.Equals("AccountKey", StringComparison.OrdinalIgnoreCase) || name.Equals("SharedAccessSignature", StringComparison.OrdinalIgnoreCase)))
            {
                secrets.Add(value);
                if (SasSignature().Match(value) is { Success: true } sig && sig.Groups["value"].Length >= 8)
                {
                    secrets.Add(sig.Groups["value"].Value);
                    secrets.Add(Uri.UnescapeDataString(sig.Groups["value"].Value));
                }
            }
        }

        return [.. secrets.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    [GeneratedRegex("""(?<name>\b(?:AccountKey|SharedAccessSignature|sig)\s*=\s*)(?:"[^"]*"|[^;&\s"',]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretSetting();

    [GeneratedRegex("(?:^|[?&])sig=(?<value>[^&;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SasSignature();
}
