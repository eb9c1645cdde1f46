using System.CommandLine;
using OrleansProc.Client.Cli;
using OrleansProc.Client.Local;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Pipeline;

namespace OrleansProc.Client.Commands;

/// <summary><c>wordcount DATASET --column COL</c>: the most frequent words of a text column.</summary>
internal static class WordCountCommand
{
    public static Command Create(ConsoleContext console)
    {
        var dataset = CommonOptions.DatasetOrPath("the dataset to read, or a local file, folder or glob (local mode: runs in this process)");
        dataset.HelpName = "DATASET";
        var column = new Option<string>("--column", "-c") { Description = "the text column whose words are counted", HelpName = "COL", Required = true };
        var top = new Option<int>("--top", "-k") { Description = "how many words to print (default 20)", HelpName = "K", DefaultValueFactory = _ => 20 };
        top.AddRange(1, 1_000_000);
        var maxGroups = CommonOptions.MaxGroups("fail the word count, naming this limit, when it makes more distinct words than this in a partition or in the merge");
        var options = new JobCommandOptions();
        var command = new DocumentedCommand("wordcount",
            "Count the words (maximal runs of letters, lowercased) of a column over a whole dataset and print the top K;\n" +
            "ties break by the word. Ctrl+C detaches (the job goes on; see job watch); a second Ctrl+C quits at once.",
            "./orleansproc wordcount sales --column comment --top 10",
            "./orleansproc wordcount logs --column line --format json",
            "./orleansproc wordcount 'books/*.txt' --column line --top 5   (local mode)",
            "./orleansproc wordcount logs --column line --max-groups 10000000")
        {
            dataset, column, top, maxGroups,
        };
        options.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var source = parsed.GetRequiredValue(dataset);
            var columnName = parsed.GetRequiredValue(column);
            var topK = parsed.GetValue(top);
            var maxWords = parsed.GetValue(maxGroups);
            return options.RunAsync(
                console,
                parsed,
                new JobSpec { Kind = JobKind.WordCount, Dataset = source, Column = columnName, Top = topK, MaxGroups = maxWords },
                LocalPaths.IsPath(source) ? source : null,
                ProcessorSpec.WordCount(columnName, topK, maxWords),
                localQuery: null,
                cancellationToken);
        });
        return command;
    }
}
