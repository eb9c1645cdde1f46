using System.CommandLine;
using System.CommandLine.Parsing;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Commands;

/// <summary><c>--snapshot fail|retry</c>: what a cluster job does when its dataset changes while it reads it.</summary>
internal static class SnapshotOption
{
    public static Option<SnapshotMode> Create()
    {
        var option = new Option<SnapshotMode>("--snapshot")
        {
            Description = "when a blob of the dataset changes or goes away while the job reads it: fail the job (default), " +
                "or retry: plan it again from the start over the new version (at most 3 times)",
            HelpName = "fail|retry",
            DefaultValueFactory = _ => SnapshotMode.Fail,
            CustomParser = Parse,
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add("fail", "retry");
        return option;
    }

    private static SnapshotMode Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        switch (text)
        {
            case "fail":
                return SnapshotMode.Fail;
            case "retry":
                return SnapshotMode.Retry;
            default:
                result.AddError($"unknown snapshot mode '{text}' for --snapshot: use fail or retry");
                return SnapshotMode.Fail;
        }
    }
}
