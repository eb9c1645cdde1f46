using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using OrleansProc.Client.Local;
using OrleansProc.Client.Output;
using OrleansProc.Contracts;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Sql;

namespace OrleansProc.Client.Commands;

/// <summary>Options and arguments several commands share, each validated while parsing.</summary>
internal static class CommonOptions
{
    public static Option<OutputFormat> Format(string description = "output format: table, json or csv")
    {
        var option = new Option<OutputFormat>("--format", "-f")
        {
            Description = description,
            HelpName = "table|json|csv",
            DefaultValueFactory = _ => OutputFormat.Table,
            CustomParser = ParseFormat,
        };
        option.CompletionSources.Clear(); // the enum's own would offer "Table" beside "table"
        option.CompletionSources.Add("table", "json", "csv");
        return option;
    }

    public static Option<bool> Detach() => new("--detach", "-d")
    {
        Description = "print only the job id and return; the job goes on (see: job watch ID)",
    };

    public static Option<long?> PartitionSize() => new("--partition-size")
    {
        Description = "cut blobs larger than this into byte ranges (bytes, or with a suffix: 512k, 16M, 1G; default: about four partitions per core of the cluster, from 1M to 64M)",
        HelpName = "BYTES",
        CustomParser = ParseByteSize,
    };

    public static Option<bool> SkipBadRecords() => new("--skip-bad-records")
    {
        Description = "count bad records and go on instead of failing the job at the first one",
    };

    /// <summary><c>--strict-quotes</c>: a quote inside an unquoted CSV field fails the job (or is skipped) instead of being text.</summary>
    public static Option<bool> StrictQuotes() => new("--strict-quotes")
    {
        Description = "CSV: a quote inside an unquoted field (37°36'37.8\"N) is a bad record instead of text (RFC 4180 as written)",
    };

    /// <summary><c>--delimiter CHAR</c>: the CSV field delimiter, one ASCII character (or <c>tab</c>, <c>\t</c>).</summary>
    /// <param name="what">Where the delimiter applies, for the help text.</param>
    public static Option<char?> Delimiter(string what) => new("--delimiter")
    {
        Description = $"the CSV field delimiter {what}: one ASCII character such as ';' or '|', or tab ('tab' or '\\t'); default: tab for .tsv, else sniffed from the first file (',', ';', '|' or tab)",
        HelpName = "CHAR",
        CustomParser = ParseDelimiter,
    };

    /// <summary><c>--max-groups N</c>: the bound on a job's groups (or distinct words, or distinct values), from 1, default <see cref="SqlProcessorOptions.DefaultMaxGroups"/>.</summary>
    /// <param name="what">What the option does, e.g. "fail the word count, naming this limit, when ..."; the memory note and default follow.</param>
    public static Option<int> MaxGroups(string what)
    {
        var option = new Option<int>("--max-groups")
        {
            Description = $"{what} (bounds memory; default {SqlProcessorOptions.DefaultMaxGroups:N0})",
            HelpName = "N",
            DefaultValueFactory = _ => SqlProcessorOptions.DefaultMaxGroups,
        };
        option.AddRange(1, int.MaxValue);
        return option;
    }

    /// <summary><c>--broadcast-limit BYTES</c>: the largest joined table a query broadcasts; null (not given) for the silo's ORLEANSPROC_BROADCAST_LIMIT, or 64 MiB locally.</summary>
    public static Option<long?> BroadcastLimit()
    {
        var option = new Option<long?>("--broadcast-limit")
        {
            Description = $"the most input bytes a joined table may have to be read whole and hashed (default: the silos' ORLEANSPROC_BROADCAST_LIMIT, or {SqlProcessorOptions.DefaultBroadcastLimit:N0} in local mode); a join whose both sides are larger fails",
            HelpName = "BYTES",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long?>() is < 0)
            {
                result.AddError("--broadcast-limit must not be negative");
            }
        });
        return option;
    }

    /// <summary>A dataset name argument, checked against the allow-list of names.</summary>
    public static Argument<string> DatasetName(string description = "the dataset's name") => Name("NAME", "dataset", description);

    /// <summary>A dataset name, or a local path or glob (local mode): only names are checked against the allow-list.</summary>
    public static Argument<string> DatasetOrPath(string description)
    {
        var argument = new Argument<string>("dataset") { Description = description, HelpName = "DATASET" };
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!LocalPaths.IsPath(value) && Names.Validate(value, "dataset") is { } error)
            {
                result.AddError(error);
            }
        });
        return argument;
    }

    public static Argument<string> JobId() => Name("ID", "job", "the job id, as printed when it was submitted (see: job list)");

    private static Argument<string> Name(string helpName, string what, string description)
    {
        var argument = new Argument<string>(helpName.ToLowerInvariant()) { Description = description, HelpName = helpName };
        argument.Validators.Add(result =>
        {
            if (Names.Validate(result.GetValueOrDefault<string>(), what) is { } error)
            {
                result.AddError(error);
            }
        });
        return argument;
    }

    /// <summary>Accepts only whole numbers from <paramref name="min"/> to <paramref name="max"/>, with an error naming the option.</summary>
    public static void AddRange(this Option<int> option, int min, int max) =>
        option.CustomParser = result => (int)ParseRanged(result, option.Name, min, max);

    /// <inheritdoc cref="AddRange(Option{int}, int, int)"/>
    public static void AddRange(this Option<long> option, long min, long max) =>
        option.CustomParser = result => ParseRanged(result, option.Name, min, max);

    private static long ParseRanged(ArgumentResult result, string name, long min, long max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} takes a whole number, not '{text}'");
            return min;
        }

        if (value < min || value > max)
        {
            result.AddError($"{name} must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}");
            return min;
        }

        return value;
    }

    private static OutputFormat ParseFormat(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (OutputFormats.TryParse(text, out var format))
        {
            return format;
        }

        result.AddError($"unknown format '{text}' for {((OptionResult)result.Parent!).Option.Name}: use table, json or csv");
        return OutputFormat.Table;
    }

    private static char? ParseDelimiter(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var delimiter = text is "tab" or "\\t" ? '\t' : text.Length == 1 ? text[0] : '\0';
        if (char.IsAscii(delimiter) && delimiter is not ('\0' or '"' or '\n' or '\r'))
        {
            return delimiter;
        }

        result.AddError($"invalid delimiter '{text}' for --delimiter: one ASCII character other than a quote or a line end, or 'tab'");
        return null;
    }

    private static long? ParseByteSize(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParseByteSize(text, out var bytes) && bytes > 0)
        {
            return bytes;
        }

        result.AddError($"invalid size '{text}' for --partition-size: a positive number of bytes, optionally with k, M or G (powers of 1024)");
        return 0;
    }

    /// <summary>Parses "1048576", "512k", "16M", "1G", "64MiB", "64MB" (suffixes are powers of 1024).</summary>
    public static bool TryParseByteSize(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        if (digits == 0 || !long.TryParse(trimmed[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        long multiplier = trimmed[digits..].Trim().ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (multiplier == 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }
}
