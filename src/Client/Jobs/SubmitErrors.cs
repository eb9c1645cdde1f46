using System.Text;
using OrleansProc.Client.Cli;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Jobs;

/// <summary>How a rejected submit is reported: its exit status and the lines on stderr.</summary>
internal static class SubmitErrors
{
    public static int ExitCode(SubmitOutcome outcome) => outcome.Error switch
    {
        SubmitErrorKind.None => ExitCodes.Success,
        SubmitErrorKind.BadQuery or SubmitErrorKind.UnknownDataset or SubmitErrorKind.BadRequest => ExitCodes.Usage,
        _ => ExitCodes.Failure,
    };

    /// <summary>
    /// The error line, then for a bad query with a position the query's line and a caret under the position.
    /// </summary>
    public static string Describe(SubmitOutcome outcome, string? sql)
    {
        var text = new StringBuilder();
        text.Append("error: ").Append(ConsoleContext.OneLine(outcome.Message ?? $"the job was rejected ({outcome.Error})")).Append('\n');
        if (outcome.Error == SubmitErrorKind.BadQuery && sql is not null && outcome.Position >= 0 && outcome.Position <= sql.Length)
        {
            var (line, column) = LineAt(sql, outcome.Position);
            text.Append("  ").Append(line).Append('\n');
            text.Append("  ").Append(new string(' ', column)).Append('^').Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The line of <paramref name="text"/> holding <paramref name="position"/> and the column in it (tabs kept as single spaces).</summary>
    public static (string Line, int Column) LineAt(string text, int position)
    {
        var start = position == 0 ? 0 : text.LastIndexOf('\n', Math.Min(position, text.Length) - 1) + 1;
        var end = text.IndexOf('\n', Math.Min(position, text.Length));
        var line = text[start..(end < 0 ? text.Length : end)].TrimEnd('\r').Replace('\t', ' ');
        return (line, Math.Min(position - start, line.Length));
    }
}
