using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OrleansProc.Client.Commands;

/// <summary>
/// <c>--partition-timeout DURATION</c>: how long one partition attempt of a cluster job may run before it is failed and
/// started again (<c>90s</c>, <c>20m</c>, <c>2h</c>, or seconds); null (not given) for the cluster's default of 30 minutes.
/// </summary>
internal static class PartitionTimeoutOption
{
    public static Option<TimeSpan?> Create() => new("--partition-timeout")
    {
        Description = "how long one partition attempt may run before it is failed and started again, e.g. 90s, 20m, 2h (default 30m)",
        HelpName = "DURATION",
        CustomParser = Parse,
    };

    private static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : string.Empty;
        var (number, unit) = text.Length > 0 && char.IsLetter(text[^1]) ? (text[..^1], text[^1]) : (text, 's');
        var seconds = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, _ => 0 };
        if (seconds == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || value * seconds > TimeSpan.FromDays(7).TotalSeconds)
        {
            result.AddError($"--partition-timeout '{text}' is not a duration: give a positive number of seconds, or 90s, 20m, 2h (at most 7 days)");
            return null;
        }

        return TimeSpan.FromSeconds(value * seconds);
    }
}
