using System.Globalization;
using System.Text;
using System.Text.Unicode;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Infers a dataset's schema from the head of its first blob (for example its first MiB).
/// </summary>
/// <remarks>
/// CSV: the column names come from the header; each column's type is the first of BIGINT, DOUBLE, BOOLEAN
/// (true/false), DATE (<c>yyyy-M-d</c>), TIMESTAMP (ISO-8601) that every non-empty sample value parses as, else VARCHAR
/// (dates mixed with timestamps too, as DuckDB's sniffer); a column with no non-empty value is VARCHAR, and so is one
/// with a value that starts with a zero followed by a digit (zip codes such as 00501 keep their zeros, as in DuckDB).
/// Sample rows with the wrong field count or a malformed field are ignored (the scan
/// reports them). JSON Lines and JSON arrays: see <see cref="JsonSchemaInference"/> (nested objects flattened into
/// <c>a.b</c> columns). Text: one VARCHAR column <c>line</c>. Unless the head is the whole blob, its last record may
/// be cut and is ignored.
/// </remarks>
public static class SchemaInference
{
    /// <summary>The column of a text dataset.</summary>
    public const string TextColumnName = "line";

    /// <summary>How much of the head of a blob or file the schema is inferred from.</summary>
    public const int SampleBytes = 1 << 20;

    /// <summary>
    /// Reads the first <see cref="SampleBytes"/> of <paramref name="input"/> (decompressed when <paramref name="gzip"/>)
    /// and infers the schema from them, knowing whether they are the whole input.
    /// </summary>
    /// <exception cref="BadRecordException">The head has no usable header or records, or the gzip data is invalid.</exception>
    public static async Task<TableSchema> InferAsync(Stream input, bool gzip, DataFormat format, string sourceName, CancellationToken cancellationToken = default) =>
        (await InferWithDelimiterAsync(input, gzip, format, sourceName, ',', cancellationToken: cancellationToken).ConfigureAwait(false)).Schema;

    /// <summary>
    /// <see cref="InferAsync"/> for a CSV <paramref name="delimiter"/>, or, when it is null, the delimiter told by
    /// <see cref="CsvDelimiterSniffer.Detect"/> from the name and the head; returns both. With
    /// <paramref name="givenSchema"/>, only the delimiter is told and the schema is returned as given.
    /// </summary>
    /// <exception cref="BadRecordException">The head has no usable header or records, or the gzip data is invalid.</exception>
    public static async Task<InferredSchema> InferWithDelimiterAsync(
        Stream input, bool gzip, DataFormat format, string sourceName, char? delimiter, TableSchema? givenSchema = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (format != DataFormat.Csv && givenSchema is not null)
        {
            return new InferredSchema(givenSchema, delimiter ?? ',');
        }

        if (format == DataFormat.Text)
        {
            return new InferredSchema(Infer(format, [], headIsWholeBlob: true, sourceName), delimiter ?? ',');
        }

        // One byte more than the sample tells whether the sample is the whole input.
        var head = new byte[SampleBytes + 1];
        var length = 0;
        var source = gzip ? GzipInputStream.Open(input, sourceName, leaveOpen: true) : input;
        try
        {
            int n;
            while (length < head.Length && (n = await source.ReadAsync(head.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += n;
            }
        }
        finally
        {
            if (gzip)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }

        var sample = head.AsSpan(0, Math.Min(length, SampleBytes));
        var whole = length <= SampleBytes;
        var csvDelimiter = format == DataFormat.Csv ? delimiter ?? CsvDelimiterSniffer.Detect(sourceName, sample, whole) : delimiter ?? ',';
        return new InferredSchema(givenSchema ?? Infer(format, sample, whole, sourceName, csvDelimiter), csvDelimiter);
    }

    /// <summary>Infers the schema from <paramref name="head"/>; a CSV head is split at <paramref name="delimiter"/>.</summary>
    public static TableSchema Infer(DataFormat format, ReadOnlySpan<byte> head, bool headIsWholeBlob, string sourceName, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(sourceName);
        if (format != DataFormat.Text && head.IndexOf((byte)0) is var nul and >= 0)
        {
            throw Error(sourceName, $"binary data, not {(format == DataFormat.Csv ? "CSV" : format == DataFormat.Jsonl ? "JSON Lines" : "JSON")} text: a NUL byte at byte {nul}");
        }

        return format switch
        {
            DataFormat.Csv => InferCsv(head, headIsWholeBlob, sourceName, new CsvDialect(checked((byte)delimiter), strictQuotes: false)),
            DataFormat.Jsonl => JsonSchemaInference.InferLines(SkipBom(head), headIsWholeBlob, sourceName),
            DataFormat.JsonArray => JsonSchemaInference.InferArray(SkipBom(head), headIsWholeBlob, sourceName),
            DataFormat.Text => new TableSchema([new ColumnSchema(TextColumnName, SqlType.Varchar)]),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown data format."),
        };
    }

    private static TableSchema InferCsv(ReadOnlySpan<byte> head, bool headIsWholeBlob, string sourceName, CsvDialect dialect)
    {
        var pos = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        if (pos == head.Length)
        {
            throw Error(sourceName, "the blob is empty");
        }

        var fields = new CsvField[16];
        var scratch = new byte[256];
        var status = CsvTokenizer.Frame(head[pos..], headIsWholeBlob, dialect, ref fields, out var fieldCount, out var contentLength, out var recordLength);
        if (status == FrameStatus.NeedMore)
        {
            throw Error(sourceName, "no header: the first line does not end within the sample");
        }

        if (status == FrameStatus.Unterminated)
        {
            throw Error(sourceName, "the header has an unterminated quoted field");
        }

        var header = head.Slice(pos, contentLength);
        if (contentLength == 0)
        {
            throw Error(sourceName, "no header: the first line is empty");
        }

        if (!Utf8.IsValid(header))
        {
            throw Error(sourceName, "the header is not valid UTF-8: a binary file, or text in another encoding");
        }

        var names = new List<string>(fieldCount);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < fieldCount; i++)
        {
            var field = fields[i];
            if (!CsvTokenizer.TryGetValue(header[field.Start..field.End], field.HasQuote, ref scratch, out var value, out _, out var error))
            {
                throw Error(sourceName, $"the header is malformed: {error}");
            }

            var name = Encoding.UTF8.GetString(value);
            if (name.Trim().Length == 0)
            {
                throw Error(sourceName, $"column {i + 1} of the header has no name");
            }

            if (!seen.Add(name))
            {
                throw Error(sourceName, $"the header names column '{name}' twice");
            }

            names.Add(name);
        }

        pos += recordLength;
        var candidates = new TypeCandidates[fieldCount];
        for (var i = 0; i < fieldCount; i++)
        {
            candidates[i] = new TypeCandidates();
        }

        while (pos < head.Length)
        {
            status = CsvTokenizer.Frame(head[pos..], headIsWholeBlob, dialect, ref fields, out var count, out contentLength, out recordLength);
            if (status != FrameStatus.Complete)
            {
                break;
            }

            var record = head.Slice(pos, contentLength);
            pos += recordLength;
            if (contentLength == 0 || count != fieldCount || !Utf8.IsValid(record))
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                var field = fields[i];
                if (CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref scratch, out var value, out _, out _))
                {
                    candidates[i].Observe(value);
                }
            }
        }

        return new TableSchema([.. names.Select((n, i) => new ColumnSchema(n, candidates[i].Result))]);
    }

    private static ReadOnlySpan<byte> SkipBom(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;

    private static BadRecordException Error(string sourceName, string reason) =>
        new(new BadRecord(sourceName, 0, 1, reason));

    private sealed class TypeCandidates
    {
        private bool _sawValue;
        private bool _bigInt = true;
        private bool _double = true;
        private bool _boolean = true;
        private bool _timestamp = true;
        private bool _date = true;
        private bool _someDate;

        public SqlType Result =>
            !_sawValue ? SqlType.Varchar
            : _bigInt ? SqlType.BigInt
            : _double ? SqlType.Double
            : _boolean ? SqlType.Boolean
            : _date ? SqlType.Date
            : _timestamp && !_someDate ? SqlType.Timestamp
            : SqlType.Varchar;

        public void Observe(ReadOnlySpan<byte> value)
        {
            if (value.IsEmpty)
            {
                return;
            }

            _sawValue = true;

            // As DuckDB's sniffer: a leading zero followed by a digit ("00501", "007", "00.5") keeps the column text,
            // while "0", "0.5" and "-01" are numbers.
            if (value.Length > 1 && value[0] == '0' && char.IsAsciiDigit((char)value[1]))
            {
                _bigInt = false;
                _double = false;
            }

            _bigInt = _bigInt && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
            _double = _double && value.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
            _boolean = _boolean && (Ascii.EqualsIgnoreCase(value, "true"u8) || Ascii.EqualsIgnoreCase(value, "false"u8));
            _timestamp = _timestamp && TimestampParser.TryParseUtf8(value, out _);
            var date = DateParser.IsDateOnlyUtf8(value);
            _date = _date && date;
            _someDate |= date;
        }
    }
}
