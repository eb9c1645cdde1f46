using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Reads the records of one input slice (a byte range of a blob, or a whole blob) in CSV, JSON Lines or text,
/// parses the needed columns per the schema and hands each record to a sink.
/// </summary>
/// <remarks>
/// <para>
/// Input is read asynchronously into large pooled buffers (1 MiB, grown for a long record up to
/// <see cref="ScanOptions.MaxRecordBytes"/>); each buffer is processed synchronously. The row handed to the sink is
/// reused: it has one entry per schema column, only needed columns filled.
/// </para>
/// <para>
/// Ranges follow the remarks of <see cref="ScanOptions"/>. CSV records end at a '\n' outside quotes (quote state
/// by parity, so a range's true start state is the parity of the quotes before it, see <see cref="QuoteParity"/>);
/// JSON Lines and text records end at every '\n'; a JSON array's records are its elements (see
/// <see cref="JsonArrayRecordFramer"/>), and such a blob is only scanned whole. A CR before the '\n' is dropped. A UTF-8 BOM at the blob start
/// is skipped. Blank lines are skipped in CSV and JSON Lines; in text they are records with an empty line.
/// </para>
/// <para>
/// Values: an empty unquoted CSV field is NULL in every type (as DuckDB reads CSV); a quoted empty field is the
/// empty string in VARCHAR and NULL otherwise. BIGINT and DOUBLE are parsed in the invariant culture; BOOLEAN
/// accepts true/false, t/f, 1/0 and yes/no in any case; TIMESTAMP accepts ISO-8601 forms (see
/// <see cref="Values.TimestampParser"/>).
/// </para>
/// <para>
/// Bad records (wrong field count, a malformed or unterminated quoted field, a value that does not parse, invalid
/// UTF-8, a record longer than the limit, a JSON line that is not an object or not valid JSON) throw
/// <see cref="BadRecordException"/>, or with <see cref="ScanOptions.SkipBadRecords"/> are counted and sampled.
/// Each carries the blob name, the byte offset of the record start and, when the range starts at byte 0, its
/// 1-based physical line (otherwise null: see <see cref="LineLocator"/>). A CSV header that does not match the
/// schema always throws. A whole blob (range 0 to <see cref="long.MaxValue"/>) that yields no record and no bad
/// record is itself a bad record: "the blob is empty", "the blob has a header but no records" (CSV) or
/// "the blob has no records" (JSON Lines of blank lines only). A range cut from a larger blob is never reported
/// as empty. When a CSV range with <see cref="ScanOptions.RangeStart"/> &gt; 0 throws, the scanner first reads on
/// to <see cref="ScanOptions.RangeEnd"/> and sets <see cref="BadRecordException.QuoteCount"/>, because the error
/// may come from a wrong <see cref="ScanOptions.StartsInsideQuotes"/> guess that the caller must check.
/// </para>
/// </remarks>
public static class RecordScanner
{
    /// <summary>Scans one slice. The stream starts at the blob start, or at <c>RangeStart - 1</c> when RangeStart &gt; 0.</summary>
    public static Task<ScanResult> ScanAsync(Stream input, ScanOptions options, IRowSink sink, CancellationToken cancellationToken = default) =>
        new RecordScanSession(options, sink).RunAsync(input, cancellationToken);
}
