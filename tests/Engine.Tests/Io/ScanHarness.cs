using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>Runs scans over in-memory blobs the way the grains do.</summary>
internal static class ScanHarness
{
    public static ScanOptions Options(DataFormat format, TableSchema schema, string source = "test.csv", bool skip = false) => new()
    {
        Format = format,
        Schema = schema,
        NeededColumns = [.. Enumerable.Repeat(true, schema.Count)],
        SourceName = source,
        SkipBadRecords = skip,
    };

    public static Task<(List<SqlValue[]> Rows, ScanResult Result)> ScanAsync(string text, ScanOptions options, int bufferSize = RecordScanSession.DefaultBufferSize) =>
        ScanAsync(Encoding.UTF8.GetBytes(text), options, bufferSize);

    public static async Task<(List<SqlValue[]> Rows, ScanResult Result)> ScanAsync(byte[] blob, ScanOptions options, int bufferSize = RecordScanSession.DefaultBufferSize)
    {
        var start = options.RangeStart > 0 ? (int)options.RangeStart - 1 : 0;
        using var stream = new MemoryStream(blob, start, blob.Length - start, writable: false);
        var sink = new CollectingSink();
        var result = await new RecordScanSession(options, sink, bufferSize).RunAsync(stream, default);
        return (sink.Rows, result);
    }

    /// <summary>
    /// Scans a blob cut at <paramref name="cuts"/> as a coordinator would: every range first outside quotes, then the
    /// wrong guesses found by <see cref="QuoteParity"/> (from the ranges' quote transfers) again. Returns the rows in
    /// blob order and the number of ranges re-scanned.
    /// </summary>
    public static async Task<(List<SqlValue[]> Rows, int Rescans)> ScanCutAsync(byte[] blob, IReadOnlyList<long> cuts, ScanOptions options, int bufferSize)
    {
        var starts = new List<long> { 0 };
        starts.AddRange(cuts);
        var n = starts.Count;
        var rows = new List<SqlValue[]>[n];
        var errors = new BadRecordException?[n];
        var reports = new RangeQuoteReport[n];

        async Task ScanRange(int i, bool inside, bool unquoted)
        {
            var range = options with
            {
                RangeStart = starts[i],
                RangeEnd = i + 1 < n ? starts[i + 1] : long.MaxValue,
                StartsInsideQuotes = inside,
                StartsInUnquotedField = unquoted,
            };
            try
            {
                var (r, result) = await ScanAsync(blob, range, bufferSize);
                rows[i] = r;
                errors[i] = null;
                reports[i] = new RangeQuoteReport(result.QuoteCount, inside, unquoted, result.QuoteTransfer);
            }
            catch (BadRecordException ex) when (ex.QuoteCount is not null)
            {
                rows[i] = [];
                errors[i] = ex;
                reports[i] = new RangeQuoteReport(ex.QuoteCount.Value, inside, unquoted, ex.QuoteTransfer);
            }
        }

        for (var i = 0; i < n; i++)
        {
            await ScanRange(i, false, false);
        }

        var fixes = QuoteParity.FindWrongGuesses(reports);
        foreach (var fix in fixes)
        {
            await ScanRange(fix.RangeIndex, fix.StartsInsideQuotes, fix.StartsInUnquotedField);
        }

        var error = errors.FirstOrDefault(e => e is not null);
        if (error is not null)
        {
            throw error;
        }

        return ([.. rows.SelectMany(r => r)], fixes.Count);
    }

    public static TableSchema Schema(params (string Name, SqlType Type)[] columns) =>
        new([.. columns.Select(c => new ColumnSchema(c.Name, c.Type))]);
}
