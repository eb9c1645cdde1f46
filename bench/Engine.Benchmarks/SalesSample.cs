using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;
using OrleansProc.SampleData;

namespace OrleansProc.Engine.Benchmarks;

/// <summary>
/// 20,000 rows of the synthetic sales CSV (about 1.6 MB, the bench's seed and mix of quoted, multi-line and CRLF
/// rows), in memory, with the values of some columns cut out of it once (the fields' UTF-8 bytes, unquoted).
/// </summary>
internal sealed class SalesSample
{
    public const int Rows = 20_000;

    private static readonly Lazy<SalesSample> s_instance = new(() => new SalesSample());

    private SalesSample()
    {
        using (var stream = new MemoryStream())
        {
            SalesDataGenerator.WriteCsvAsync(stream, Rows, seed: 42, part: 0).GetAwaiter().GetResult();
            Csv = stream.ToArray();
        }

        Schema = new TableSchema(
        [
            new ColumnSchema("ts", SqlType.Timestamp), new ColumnSchema("user_id", SqlType.BigInt), new ColumnSchema("country", SqlType.Varchar),
            new ColumnSchema("category", SqlType.Varchar), new ColumnSchema("amount", SqlType.Double), new ColumnSchema("quantity", SqlType.BigInt),
            new ColumnSchema("comment", SqlType.Varchar),
        ]);
        Body = Csv.AsSpan(Csv.AsSpan().IndexOf((byte)'\n') + 1).ToArray();

        var fields = new CsvField[16];
        var scratch = new byte[256];
        var data = Body.AsSpan();
        while (!data.IsEmpty)
        {
            CsvTokenizer.Frame(data, isFinal: true, ref fields, out _, out _, out var length);
            Countries.Add(Value(data, fields[2], ref scratch));
            Amounts.Add(Value(data, fields[4], ref scratch));
            Quantities.Add(Value(data, fields[5], ref scratch));
            Comments.Add(Value(data, fields[6], ref scratch));
            data = data[length..];
        }
    }

    public static SalesSample Instance => s_instance.Value;

    /// <summary>The whole CSV, header included.</summary>
    public byte[] Csv { get; }

    /// <summary>The records without the header.</summary>
    public byte[] Body { get; }

    public TableSchema Schema { get; }

    public List<byte[]> Countries { get; } = [];

    public List<byte[]> Amounts { get; } = [];

    public List<byte[]> Quantities { get; } = [];

    public List<byte[]> Comments { get; } = [];

    private static byte[] Value(ReadOnlySpan<byte> record, CsvField field, ref byte[] scratch)
    {
        CsvTokenizer.TryGetValue(record[field.Start..field.End], field.HasQuote, ref scratch, out var value, out _, out _);
        return value.ToArray();
    }
}
