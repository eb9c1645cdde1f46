using System.Buffers;
using System.Text;

namespace OrleansProc.SampleData;

/// <summary>
/// The synthetic sales dataset: deterministic for a (seed, part) pair, each part independent of the others.
/// </summary>
/// <remarks>
/// Columns: <c>ts</c> (ISO-8601 UTC, whole seconds, in 2024), <c>user_id</c> (1..200,000), <c>country</c> (30
/// two-letter codes, Zipf-skewed), <c>category</c> (12 words, skewed), <c>amount</c> (two decimals, empty about 2% of
/// the time), <c>quantity</c> (1..20), <c>comment</c> (1-8 words from a 5,000-word vocabulary, Zipf-skewed; about 5%
/// hold a comma, quotes or a line break and are quoted in CSV, and about 1% more are quoted without needing it).
/// About 3% of rows end in CR LF. The header ends in LF.
/// </remarks>
public static class SalesDataGenerator
{
    /// <summary>The CSV header line (without its line end).</summary>
    public const string Header = "ts,user_id,country,category,amount,quantity,comment";

    /// <summary>The dataset's schema in the form the schema parser reads.</summary>
    public const string SchemaSpec =
        "ts TIMESTAMP, user_id BIGINT, country VARCHAR, category VARCHAR, amount DOUBLE, quantity BIGINT, comment VARCHAR";

    private const int MaxUserId = 200_000;

    private static readonly DateTime s_start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] s_countries =
    [
        "US", "DE", "GB", "FR", "IN", "BR", "JP", "CA", "NL", "ES", "IT", "SE", "PL", "AU", "MX",
        "CH", "NO", "DK", "FI", "BE", "AT", "PT", "IE", "CZ", "KR", "SG", "ZA", "AR", "NZ", "TR",
    ];

    private static readonly string[] s_categories =
        ["books", "electronics", "garden", "toys", "grocery", "clothing", "sports", "beauty", "music", "tools", "office", "pets"];

    private static readonly ZipfTable s_countryTable = new(s_countries.Length, 1.1);
    private static readonly ZipfTable s_categoryTable = new(s_categories.Length, 0.7);
    private static readonly ZipfTable s_wordTable = new(Vocabulary.Size, 1.0);

    /// <summary>The comment vocabulary (5,000 distinct lowercase words, the same for every seed).</summary>
    public static IReadOnlyList<string> Words => Vocabulary.Words;

    /// <summary>The rows of part <paramref name="part"/>: <paramref name="rows"/> records, the same every time for the same seed and part.</summary>
    public static IEnumerable<SalesRecord> Records(long rows, int seed, int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        return Generate(rows, seed, part);
    }

    /// <summary>How many of <paramref name="totalRows"/> rows part <paramref name="part"/> of <paramref name="parts"/> holds (the first parts take the remainder).</summary>
    public static long RowsInPart(long totalRows, int parts, int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, parts);
        return (totalRows / parts) + (part < totalRows % parts ? 1 : 0);
    }

    /// <summary>True when the comment is quoted in the CSV (it needs it, or about 1% of the others).</summary>
    public static bool IsQuoted(SalesRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Comment.AsSpan().IndexOfAny(",\"\r\n") >= 0 || record.UserId % 97 == 0;
    }

    /// <summary>Writes the header and the rows of one part as UTF-8 CSV (no BOM).</summary>
    public static async Task WriteCsvAsync(Stream destination, long rows, int seed, int part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        const int FlushAt = 1 << 20;
        var buffer = ArrayPool<byte>.Shared.Rent(FlushAt + (64 * 1024));
        try
        {
            var length = Encoding.UTF8.GetBytes(Header + "\n", buffer);
            foreach (var record in Records(rows, seed, part))
            {
                var needed = 128 + (Encoding.UTF8.GetMaxByteCount(record.Comment.Length) * 2);
                if (length + needed > buffer.Length)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    length = 0;
                    if (needed > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(needed);
                    }
                }

                length += WriteRow(record, buffer.AsSpan(length));
                if (length >= FlushAt)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    length = 0;
                }
            }

            await destination.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One record as a CSV line (with its line end).</summary>
    public static string ToCsvLine(SalesRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new byte[128 + (Encoding.UTF8.GetMaxByteCount(record.Comment.Length) * 2)];
        return Encoding.UTF8.GetString(buffer, 0, WriteRow(record, buffer));
    }

    private static IEnumerable<SalesRecord> Generate(long rows, int seed, int part)
    {
        var random = new Prng(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)part * 0xC2B2AE3D27D4EB4FUL) ^ 0x5A1E5UL);
        var comment = new StringBuilder();
        for (long i = 0; i < rows; i++)
        {
            var ts = s_start.AddTicks(random.Next(366 * 86_400) * TimeSpan.TicksPerSecond);
            var userId = 1 + random.Next(MaxUserId);
            var country = s_countries[s_countryTable.Sample(random)];
            var category = s_categories[s_categoryTable.Sample(random)];
            decimal? amount = null;
            if (!random.Chance(0.02))
            {
                var cents = random.Chance(0.1) ? 1 + random.Next(500_000) : 1 + random.Next(20_000);
                amount = new decimal(cents, 0, 0, false, 2);
            }

            var quantity = 1 + random.Next(20);
            BuildComment(random, comment);
            var crlf = random.Chance(0.03);
            yield return new SalesRecord(ts, userId, country, category, amount, quantity, comment.ToString(), crlf);
        }
    }

    private static void BuildComment(Prng random, StringBuilder comment)
    {
        comment.Clear();
        var words = 1 + random.Next(8);
        var special = random.Chance(0.05) ? 1 + random.Next(4) : 0;
        var specialAt = random.Next(words);
        for (var w = 0; w < words; w++)
        {
            var word = Vocabulary.Words[s_wordTable.Sample(random)];
            if (w > 0)
            {
                comment.Append(w == specialAt && special == 1 ? ", "
                    : w == specialAt && special == 3 ? (random.Chance(0.3) ? "\r\n" : "\n")
                    : " ");
            }

            if (w == specialAt && special == 2)
            {
                comment.Append('"').Append(word).Append('"');
            }
            else
            {
                comment.Append(word);
            }

            if (w == specialAt && special == 4)
            {
                comment.Append(random.Chance(0.5) ? "," : "\n");
            }
        }
    }

    private static int WriteRow(SalesRecord record, Span<byte> destination)
    {
        var p = WriteTimestamp(record.Ts, destination);
        destination[p++] = (byte)',';
        p += WriteInteger(record.UserId, destination[p..]);
        destination[p++] = (byte)',';
        p += WriteAscii(record.Country, destination[p..]);
        destination[p++] = (byte)',';
        p += WriteAscii(record.Category, destination[p..]);
        destination[p++] = (byte)',';
        if (record.Amount is { } amount)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(amount, bits);
            var cents = bits[1] == 0 && bits[2] == 0 && amount.Scale == 2 && amount > 0 ? bits[0] : (long)decimal.Round(amount * 100m);
            p += WriteInteger(cents / 100, destination[p..]);
            destination[p++] = (byte)'.';
            destination[p++] = (byte)('0' + (cents % 100 / 10));
            destination[p++] = (byte)('0' + (cents % 10));
        }

        destination[p++] = (byte)',';
        p += WriteInteger(record.Quantity, destination[p..]);
        destination[p++] = (byte)',';
        if (IsQuoted(record))
        {
            destination[p++] = (byte)'"';
            var start = p;
            p += Encoding.UTF8.GetBytes(record.Comment, destination[p..]);
            var quotes = destination[start..p].Count((byte)'"');
            if (quotes > 0)
            {
                for (int src = p - 1, dst = p - 1 + quotes; src >= start; src--)
                {
                    var b = destination[src];
                    destination[dst--] = b;
                    if (b == '"')
                    {
                        destination[dst--] = b;
                    }
                }

                p += quotes;
            }

            destination[p++] = (byte)'"';
        }
        else
        {
            p += Encoding.UTF8.GetBytes(record.Comment, destination[p..]);
        }

        if (record.Crlf)
        {
            destination[p++] = (byte)'\r';
        }

        destination[p++] = (byte)'\n';
        return p;
    }

    private static int WriteAscii(string text, Span<byte> destination) =>
        System.Text.Unicode.Utf8.FromUtf16(text, destination, out _, out var written) == System.Buffers.OperationStatus.Done
            ? written
            : throw new InvalidOperationException("The destination is too small.");

    private static int WriteTimestamp(DateTime ts, Span<byte> d)
    {
        Digits(ts.Year, 4, d);
        d[4] = (byte)'-';
        Digits(ts.Month, 2, d[5..]);
        d[7] = (byte)'-';
        Digits(ts.Day, 2, d[8..]);
        d[10] = (byte)'T';
        Digits(ts.Hour, 2, d[11..]);
        d[13] = (byte)':';
        Digits(ts.Minute, 2, d[14..]);
        d[16] = (byte)':';
        Digits(ts.Second, 2, d[17..]);
        d[19] = (byte)'Z';
        return 20;
    }

    private static void Digits(int value, int count, Span<byte> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static int WriteInteger(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return written;
    }
}
