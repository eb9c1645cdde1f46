namespace OrleansProc.Engine.Io;

/// <summary>
/// Tells a CSV file's delimiter, as DuckDB's sniffer does: a <c>.tsv</c> name means tab; otherwise each candidate
/// (',', ';', '|', tab) frames the head's records, and the one that splits the header into the most columns that the
/// most records agree with wins (a comma when none gives more than one column).
/// </summary>
public static class CsvDelimiterSniffer
{
    /// <summary>The delimiters tried, in the order that breaks ties.</summary>
    public static IReadOnlyList<char> Candidates { get; } = [',', ';', '|', '\t'];

    /// <summary>How many records of the head are framed per candidate.</summary>
    private const int SampleRecords = 100;

    /// <summary>The delimiter of <paramref name="name"/>: tab for <c>.tsv</c> (or <c>.tsv.gz</c>), else sniffed from <paramref name="head"/>.</summary>
    public static char Detect(string name, ReadOnlySpan<byte> head, bool headIsWholeBlob)
    {
        ArgumentNullException.ThrowIfNull(name);
        var bare = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
        return bare.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : Sniff(head, headIsWholeBlob);
    }

    /// <summary>The candidate whose columns the most records of <paramref name="head"/> agree with, then the most columns.</summary>
    public static char Sniff(ReadOnlySpan<byte> head, bool headIsWholeBlob)
    {
        var best = ',';
        var bestScore = (Agreeing: 0, Columns: 1);
        var fields = new CsvField[16];
        foreach (var candidate in Candidates)
        {
            var score = Score(head, headIsWholeBlob, new CsvDialect((byte)candidate, strictQuotes: false), ref fields);
            if (score.Columns > 1 && (score.Agreeing > bestScore.Agreeing || (score.Agreeing == bestScore.Agreeing && score.Columns > bestScore.Columns)))
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static (int Agreeing, int Columns) Score(ReadOnlySpan<byte> head, bool headIsWholeBlob, CsvDialect dialect, ref CsvField[] fields)
    {
        var pos = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var columns = 0;
        var agreeing = 0;
        for (var record = 0; record <= SampleRecords && pos < head.Length; record++)
        {
            var status = CsvTokenizer.Frame(head[pos..], headIsWholeBlob, dialect, ref fields, out var count, out var contentLength, out var recordLength);
            if (status != FrameStatus.Complete)
            {
                break;
            }

            pos += recordLength;
            if (record == 0)
            {
                columns = count;
            }
            else if (contentLength > 0 && count == columns)
            {
                agreeing++;
            }
            else if (contentLength > 0)
            {
                agreeing--;
            }
        }

        return (agreeing, columns);
    }
}
