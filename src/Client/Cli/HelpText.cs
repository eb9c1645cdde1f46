namespace OrleansProc.Client.Cli;

/// <summary>Builds a command's help description: one line of explanation, then examples.</summary>
internal static class HelpText
{
    public static string Of(string summary, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return summary;
        }

        var label = examples.Length == 1 ? "Example:" : "Examples:";
        return summary + "\n\n" + label + "\n" + string.Join("\n", examples.Select(e => "  " + e));
    }
}
