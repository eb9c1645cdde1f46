using System.Globalization;

namespace OrleansProc.Client.Jobs;

/// <summary>Human-readable byte counts and rates (decimal units: 1 MB = 1,000,000 bytes).</summary>
internal static class ByteSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1_000 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1_000_000 => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        < 1_000_000_000 => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };

    /// <summary>Megabytes per second, with one decimal.</summary>
    public static string Rate(long bytes, TimeSpan elapsed) =>
        (elapsed > TimeSpan.Zero ? bytes / 1e6 / elapsed.TotalSeconds : 0).ToString("0.0", CultureInfo.InvariantCulture) + " MB/s";

    public static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
