using System.Buffers;
using System.Globalization;
using System.Text;

namespace OrleansProc.SampleData;

/// <summary>
/// A second synthetic dataset shaped like a common CSV export of orders (a spreadsheet or a shop's "download as CSV"):
/// deterministic for a (seed, part) pair, each part independent of the others.
/// </summary>
/// <remarks>
/// Each part starts with a UTF-8 BOM; the header and about 70% of the rows end in CR LF, the others in LF. Columns:
/// <c>order_id</c> (unique across parts), <c>order_date</c> (<c>yyyy-MM-dd</c> in 2023 and 2024), <c>customer</c>
/// (first and last name, many non-ASCII), <c>country</c> (19 names, Zipf-skewed, plus a rare
/// <c>"Korea, Republic of"</c>), <c>category</c> (12 names, skewed), <c>product</c> (about 0.4% hold a comma and about
/// 0.1% an inch mark <c>"</c>), <c>unit_price</c> (two decimals, empty about 2%), <c>quantity</c> (1..10, empty
/// about 0.5%), <c>discount</c> (empty about 70%), <c>status</c>, <c>note</c> (empty about 90%; some hold a comma,
/// rarely a line break). Only fields that need it are quoted: about 1% of the rows hold a quoted field.
/// </remarks>
public static class ExportDataGenerator
{
    /// <summary>The CSV header line (without its line end).</summary>
    public const string Header = "order_id,order_date,customer,country,category,product,unit_price,quantity,discount,status,note";

    /// <summary>The dataset's schema in the form the schema parser (and DuckDB's <c>read_csv</c> columns) read.</summary>
    public const string SchemaSpec =
        "order_id BIGINT, order_date DATE, customer VARCHAR, country VARCHAR, category VARCHAR, product VARCHAR, " +
        "unit_price DOUBLE, quantity BIGINT, discount DOUBLE, status VARCHAR, note VARCHAR";

    /// <summary>The order ids of part p are p * this + 1, p * this + 2, ...</summary>
    public const long OrderIdsPerPart = 1_000_000_000L;

    private static readonly DateOnly s_firstDay = new(2023, 1, 1);
    private static readonly ZipfTable s_countryTable = new(ExportVocabulary.Countries.Length, 1.1);
    private static readonly ZipfTable s_categoryTable = new(ExportVocabulary.Categories.Length, 0.7);
    private static readonly ZipfTable s_quantityTable = new(10, 1.5);
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a UTF-8 BOM, the header and the rows of one part as CSV.</summary>
    public static async Task WriteCsvAsync(Stream destination, long rows, int seed, int part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        const int FlushAt = 1 << 20;
        var buffer = ArrayPool<byte>.Shared.Rent(FlushAt + (64 * 1024));
        try
        {
            buffer[0] = 0xEF;
            buffer[1] = 0xBB;
            buffer[2] = 0xBF;
            var length = 3 + s_utf8.GetBytes(Header + "\r\n", buffer.AsSpan(3));
            var random = new Prng(((ulong)(uint)seed * 0xD1B54A32D192ED03UL) ^ ((ulong)(uint)part * 0x8CB92BA72F3D8DD7UL) ^ 0xE5B0A7UL);
            var line = new StringBuilder(256);
            for (long i = 0; i < rows; i++)
            {
                line.Clear();
                AppendRow(line, random, (part * OrderIdsPerPart) + i + 1);
                var needed = s_utf8.GetMaxByteCount(line.Length);
                if (length + needed > buffer.Length || length >= FlushAt)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    length = 0;
                }

                length += s_utf8.GetBytes(line.ToString(), buffer.AsSpan(length));
            }

            await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void AppendRow(StringBuilder line, Prng random, long orderId)
    {
        var c = CultureInfo.InvariantCulture;
        line.Append(orderId.ToString(c)).Append(',');
        line.Append(s_firstDay.AddDays(random.Next(731)).ToString("yyyy-MM-dd", c)).Append(',');
        line.Append(ExportVocabulary.FirstNames[random.Next(ExportVocabulary.FirstNames.Length)]).Append(' ')
            .Append(ExportVocabulary.LastNames[random.Next(ExportVocabulary.LastNames.Length)]).Append(',');
        AppendField(line, random.Chance(0.003) ? ExportVocabulary.QuotedCountry : ExportVocabulary.Countries[s_countryTable.Sample(random)]);
        line.Append(',');
        line.Append(ExportVocabulary.Categories[s_categoryTable.Sample(random)]).Append(',');
        AppendField(line, Product(random));
        line.Append(',');
        if (!random.Chance(0.02))
        {
            var cents = random.Chance(0.1) ? 1 + random.Next(200_000) : 99 + random.Next(9_900);
            line.Append((cents / 100).ToString(c)).Append('.').Append((cents % 100).ToString("D2", c));
        }

        line.Append(',');
        if (!random.Chance(0.005))
        {
            line.Append((1 + s_quantityTable.Sample(random)).ToString(c));
        }

        line.Append(',');
        if (random.Chance(0.3))
        {
            line.Append("0.").Append((5 + random.Next(26)).ToString("D2", c));
        }

        line.Append(',');
        line.Append(ExportVocabulary.Statuses[random.Next(10) switch { < 5 => 0, < 8 => 1, 8 => 2, _ => 3 + random.Next(2) }]).Append(',');
        if (random.Chance(0.1))
        {
            AppendField(line, Note(random));
        }

        line.Append(random.Chance(0.7) ? "\r\n" : "\n");
    }

    private static string Product(Prng random)
    {
        var name = ExportVocabulary.ProductAdjectives[random.Next(ExportVocabulary.ProductAdjectives.Length)] + " " +
            ExportVocabulary.ProductNouns[random.Next(ExportVocabulary.ProductNouns.Length)];
        var roll = random.Next(1000);
        return roll switch
        {
            < 4 => name + ", pack of " + (2 + random.Next(5)).ToString(CultureInfo.InvariantCulture),
            4 => name + " " + (20 + random.Next(15)).ToString(CultureInfo.InvariantCulture) + "\"",
            < 100 => name + " " + (2 + random.Next(5)).ToString(CultureInfo.InvariantCulture) + "-pack",
            _ => name,
        };
    }

    private static string Note(Prng random)
    {
        var words = 1 + random.Next(5);
        var separator = random.Next(1000) switch
        {
            < 5 => random.Chance(0.5) ? "\r\n" : "\n",
            < 35 => ", ",
            _ => " ",
        };
        var separatorAt = random.Next(words);
        var note = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            if (w > 0)
            {
                note.Append(w == separatorAt ? separator : " ");
            }

            note.Append(ExportVocabulary.NoteWords[random.Next(ExportVocabulary.NoteWords.Length)]);
        }

        return note.ToString();
    }

    /// <summary>Appends the field as is, or quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    private static void AppendField(StringBuilder line, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(field);
            return;
        }

        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
