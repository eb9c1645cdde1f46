using System.Buffers;

namespace OrleansProc.Engine.Io;

/// <summary>How a CSV blob is read: its field delimiter, and whether a quote inside an unquoted field is an error.</summary>
internal sealed class CsvDialect
{
    /// <summary>Comma-separated, a quote inside an unquoted field read as text.</summary>
    public static readonly CsvDialect Default = new((byte)',', strictQuotes: false);

    public CsvDialect(byte delimiter, bool strictQuotes)
    {
        if (delimiter is (byte)'"' or (byte)'\n' or (byte)'\r' or >= 0x80)
        {
            throw new ArgumentOutOfRangeException(nameof(delimiter), delimiter, "A CSV delimiter is one ASCII character other than a quote or a line end.");
        }

        Delimiter = delimiter;
        StrictQuotes = strictQuotes;
        Specials = SearchValues.Create([delimiter, (byte)'"', (byte)'\n']);
    }

    /// <summary>The field delimiter.</summary>
    public byte Delimiter { get; }

    /// <summary>A quote inside an unquoted field toggles the quote state and makes the field bad (RFC 4180 as written).</summary>
    public bool StrictQuotes { get; }

    /// <summary>The delimiter, the quote and the line feed.</summary>
    public SearchValues<byte> Specials { get; }

    /// <summary>The dialect of <paramref name="options"/>.</summary>
    public static CsvDialect Of(ScanOptions options) =>
        options.Delimiter == ',' && !options.StrictQuotes ? Default : new CsvDialect(options.Delimiter, options.StrictQuotes);
}
