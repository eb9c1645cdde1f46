using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Frames CSV records and splits them into fields, using vectorized search for delimiters, quotes and newlines.
/// </summary>
/// <remarks>
/// A quote at the start of a field opens a quoted field, which ends at the next quote not followed by another; a
/// record ends at the first '\n' outside quotes. A quote elsewhere in an unquoted field (<c>37°36'37.8"N</c>) is text,
/// as in DuckDB, Python's csv and Spark: the field is reported without <see cref="CsvField.HasQuote"/>. With strict
/// quotes (<see cref="CsvDialect.StrictQuotes"/>) every quote toggles the state (RFC 4180 as written), and such a field
/// is reported as bad when it is parsed. Either way framing is a function of the bytes and the state before them,
/// which is what makes byte-range cutting exact (see <see cref="QuoteTransferTracker"/> and <see cref="QuoteParity"/>).
/// </remarks>
internal static class CsvTokenizer
{
    /// <summary>
    /// What <see cref="FrameTail"/> answers when it cannot frame the rest of the record without splitting its fields
    /// (not a <see cref="FrameStatus"/> a caller of <see cref="Frame(ReadOnlySpan{byte}, bool, CsvDialect, int, ref CsvField[], out int, out int, out int)"/> sees).
    /// </summary>
    private const FrameStatus TailUnsure = (FrameStatus)(-1);

    private static readonly SearchValues<byte> s_quoteOrNewline = SearchValues.Create("\"\n"u8);

    /// <summary><see cref="Frame(ReadOnlySpan{byte}, bool, CsvDialect, ref CsvField[], out int, out int, out int)"/> with <see cref="CsvDialect.Default"/>.</summary>
    public static FrameStatus Frame(
        ReadOnlySpan<byte> data,
        bool isFinal,
        ref CsvField[] fields,
        out int fieldCount,
        out int contentLength,
        out int recordLength) =>
        Frame(data, isFinal, CsvDialect.Default, ref fields, out fieldCount, out contentLength, out recordLength);

    /// <summary>
    /// Frames the record at the start of <paramref name="data"/>. On <see cref="FrameStatus.Complete"/>,
    /// <paramref name="recordLength"/> includes the line end, <paramref name="contentLength"/> excludes it (and a CR
    /// before it), and <paramref name="fields"/> holds <paramref name="fieldCount"/> fields. When
    /// <paramref name="isFinal"/> is true the data ends the input, and a last record without a newline is complete.
    /// </summary>
    public static FrameStatus Frame(
        ReadOnlySpan<byte> data,
        bool isFinal,
        CsvDialect dialect,
        ref CsvField[] fields,
        out int fieldCount,
        out int contentLength,
        out int recordLength)
    {
        fieldCount = 0;
        return Vector256.IsHardwareAccelerated
            ? FrameVector(data, isFinal, dialect, int.MaxValue, ref fields, ref fieldCount, out contentLength, out recordLength)
            : FrameScalar(data, isFinal, dialect, ref fields, ref fieldCount, new FieldCursor(0, 0, false, -1), out contentLength, out recordLength);
    }

    /// <summary>
    /// <see cref="Frame(ReadOnlySpan{byte}, bool, CsvDialect, ref CsvField[], out int, out int, out int)"/>, but
    /// with relaxed quotes the fields after <paramref name="lastNeeded"/> (an ordinal; -1 when no field is needed)
    /// are counted, not split: <paramref name="fieldCount"/> is still every field of the record, and
    /// <paramref name="fields"/> holds the first <paramref name="splitCount"/> (at least <c>lastNeeded + 1</c>, or all
    /// of them when the record has fewer; the fields past them are well formed). Those later fields are only
    /// searched for the delimiters, quotes and line feeds (32 bytes at a time, a quoted field skipped with one search
    /// for its closing quote) and checked to be well formed: a closing quote must be followed by another quote, the
    /// delimiter or the line end. When one is not (the delivery would report it), or the record runs into the last
    /// bytes of the data, the record is framed again with every field, so a record is framed, counted and found bad
    /// exactly as by the other overload.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static FrameStatus Frame(
        ReadOnlySpan<byte> data,
        bool isFinal,
        CsvDialect dialect,
        int lastNeeded,
        ref CsvField[] fields,
        out int fieldCount,
        out int splitCount,
        out int contentLength,
        out int recordLength)
    {
        fieldCount = 0;
        FrameStatus status;
        if (!Vector256.IsHardwareAccelerated || dialect.StrictQuotes)
        {
            status = Frame(data, isFinal, dialect, ref fields, out fieldCount, out contentLength, out recordLength);
            splitCount = fieldCount;
            return status;
        }

        splitCount = lastNeeded + 1;
        status = lastNeeded < 0
            ? FrameTail(data, isFinal, dialect.Delimiter, 0, ref fieldCount, out contentLength, out recordLength)
            : FrameVector(data, isFinal, dialect, lastNeeded, ref fields, ref fieldCount, out contentLength, out recordLength);
        if (status == TailUnsure)
        {
            fieldCount = 0;
            status = FrameVector(data, isFinal, dialect, int.MaxValue, ref fields, ref fieldCount, out contentLength, out recordLength);
            splitCount = fieldCount;
        }

        splitCount = Math.Min(splitCount, fieldCount);
        return status;
    }

    /// <summary>
    /// <see cref="Frame"/> 32 bytes at a time: one mask of the delimiters, quotes and newlines of a block, walked bit
    /// by bit, so a short field costs a few instructions rather than a search call. A quoted field is skipped with one
    /// search for its closing quote; the last bytes of the data, less than a block, are framed by
    /// <see cref="FrameScalar"/>. Once field <paramref name="lastNeeded"/> is found, the rest of the record goes to
    /// <see cref="FrameTail"/>; unless every field is to be split (<see cref="int.MaxValue"/>), reaching the last
    /// bytes answers <see cref="TailUnsure"/>, as <see cref="FrameTail"/> may.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FrameStatus FrameVector(
        ReadOnlySpan<byte> data,
        bool isFinal,
        CsvDialect dialect,
        int lastNeeded,
        ref CsvField[] fields,
        ref int fieldCount,
        out int contentLength,
        out int recordLength)
    {
        ref var origin = ref MemoryMarshal.GetReference(data);
        var delimiterByte = dialect.Delimiter;
        var strict = dialect.StrictQuotes;
        var delimiter = Vector256.Create(delimiterByte);
        var newline = Vector256.Create((byte)'\n');
        var quote = Vector256.Create((byte)'"');
        var found = fields;
        var count = 0;
        var fieldStart = 0;
        var hasQuote = false;
        var reopenAt = -1;
        var block = 0;
        var maskBase = 0;
        uint mask = 0;
        while (true)
        {
            while (mask == 0)
            {
                if (block > data.Length - Vector256<byte>.Count)
                {
                    fieldCount = count;
                    if (lastNeeded != int.MaxValue)
                    {
                        // The scalar framing splits and does not check the later fields: the caller frames again.
                        contentLength = 0;
                        recordLength = 0;
                        return TailUnsure;
                    }

                    return FrameScalar(data, isFinal, dialect, ref fields, ref fieldCount, new FieldCursor(block, fieldStart, hasQuote, reopenAt), out contentLength, out recordLength);
                }

                var v = Vector256.LoadUnsafe(ref origin, (nuint)block);
                mask = (Vector256.Equals(v, delimiter) | Vector256.Equals(v, newline) | Vector256.Equals(v, quote)).ExtractMostSignificantBits();
                maskBase = block;
                block += Vector256<byte>.Count;
            }

            var pos = maskBase + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;

            // pos lies in a block loaded whole from data, so it is in range.
            var b = Unsafe.Add(ref origin, pos);
            if (b == delimiterByte)
            {
                if (count == found.Length)
                {
                    Array.Resize(ref fields, found.Length * 2);
                    found = fields;
                }

                found[count++] = new CsvField(fieldStart, pos, hasQuote);
                hasQuote = false;
                fieldStart = pos + 1;
                if (count > lastNeeded)
                {
                    fieldCount = count;
                    return FrameTail(data, isFinal, delimiterByte, fieldStart, ref fieldCount, out contentLength, out recordLength);
                }
            }
            else if (b == '\n')
            {
                contentLength = pos > fieldStart && Unsafe.Add(ref origin, pos - 1) == '\r' ? pos - 1 : pos;
                if (count == found.Length)
                {
                    Array.Resize(ref fields, found.Length * 2);
                    found = fields;
                }

                found[count++] = new CsvField(fieldStart, contentLength, hasQuote);
                fieldCount = count;
                recordLength = pos + 1;
                return FrameStatus.Complete;
            }
            else if (strict || pos == fieldStart || pos == reopenAt)
            {
                hasQuote = true;
                var close = data[(pos + 1)..].IndexOf((byte)'"');
                if (close < 0)
                {
                    fieldCount = count;
                    contentLength = 0;
                    recordLength = data.Length;
                    return isFinal ? FrameStatus.Unterminated : FrameStatus.NeedMore;
                }

                block = pos + close + 2;
                reopenAt = block;
                mask = 0;
            }
        }
    }

    /// <summary>
    /// The rest of a record from <paramref name="start"/>, a field start, with relaxed quotes: counts its fields into
    /// <paramref name="fieldCount"/> without splitting them. Per block of 32 bytes, the delimiters before the first
    /// quote or line feed are counted at once; a quote at a field start (or right after a closing quote, a doubled
    /// quote) opens a quoted field, skipped with one search for its closing quote, which must then be followed by a
    /// quote, the delimiter, a line feed or CR LF; any other quote is text, as in <see cref="FrameVector"/>.
    /// <see cref="TailUnsure"/> when a closing quote is followed by anything else or the record reaches the last
    /// block of the data: the caller frames the record again with every field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FrameStatus FrameTail(
        ReadOnlySpan<byte> data,
        bool isFinal,
        byte delimiterByte,
        int start,
        ref int fieldCount,
        out int contentLength,
        out int recordLength)
    {
        ref var origin = ref MemoryMarshal.GetReference(data);
        var delimiter = Vector256.Create(delimiterByte);
        var newline = Vector256.Create((byte)'\n');
        var quote = Vector256.Create((byte)'"');
        var count = fieldCount;
        var fieldStart = start;
        var reopenAt = -1;
        var pos = start;
        while (pos <= data.Length - Vector256<byte>.Count)
        {
            var v = Vector256.LoadUnsafe(ref origin, (nuint)pos);
            var delimiters = Vector256.Equals(v, delimiter).ExtractMostSignificantBits();
            var stops = (Vector256.Equals(v, newline) | Vector256.Equals(v, quote)).ExtractMostSignificantBits();
            if (stops == 0)
            {
                if (delimiters != 0)
                {
                    count += BitOperations.PopCount(delimiters);
                    fieldStart = pos + 32 - BitOperations.LeadingZeroCount(delimiters);
                }

                pos += Vector256<byte>.Count;
                continue;
            }

            var at = BitOperations.TrailingZeroCount(stops);
            var before = delimiters & ((1u << at) - 1);
            if (before != 0)
            {
                count += BitOperations.PopCount(before);
                fieldStart = pos + 32 - BitOperations.LeadingZeroCount(before);
            }

            var stop = pos + at;
            if (Unsafe.Add(ref origin, stop) == '\n')
            {
                contentLength = stop > fieldStart && Unsafe.Add(ref origin, stop - 1) == '\r' ? stop - 1 : stop;
                fieldCount = count + 1;
                recordLength = stop + 1;
                return FrameStatus.Complete;
            }

            if (stop != fieldStart && stop != reopenAt)
            {
                // A quote inside an unquoted field is text.
                pos = stop + 1;
                continue;
            }

            var close = data[(stop + 1)..].IndexOf((byte)'"');
            if (close < 0)
            {
                fieldCount = count;
                contentLength = 0;
                recordLength = data.Length;
                return isFinal ? FrameStatus.Unterminated : FrameStatus.NeedMore;
            }

            var after = stop + close + 2;
            if (after + 1 >= data.Length)
            {
                break;
            }

            var next = Unsafe.Add(ref origin, after);
            if (next != '"' && next != delimiterByte && next != '\n' && (next != '\r' || Unsafe.Add(ref origin, after + 1) != '\n'))
            {
                break;
            }

            reopenAt = after;
            pos = after;
        }

        fieldCount = count;
        contentLength = 0;
        recordLength = 0;
        return TailUnsure;
    }

    private static FrameStatus FrameScalar(
        ReadOnlySpan<byte> data,
        bool isFinal,
        CsvDialect dialect,
        ref CsvField[] fields,
        ref int fieldCount,
        FieldCursor cursor,
        out int contentLength,
        out int recordLength)
    {
        var (pos, fieldStart, hasQuote, reopenAt) = cursor;
        var specials = dialect.Specials;
        contentLength = 0;
        recordLength = 0;
        while (true)
        {
            var rel = data[pos..].IndexOfAny(specials);
            if (rel < 0)
            {
                if (!isFinal)
                {
                    return FrameStatus.NeedMore;
                }

                contentLength = data.Length > fieldStart && data[^1] == '\r' ? data.Length - 1 : data.Length;
                Add(ref fields, ref fieldCount, new CsvField(fieldStart, contentLength, hasQuote));
                recordLength = data.Length;
                return FrameStatus.Complete;
            }

            pos += rel;
            var b = data[pos];
            if (b == dialect.Delimiter)
            {
                Add(ref fields, ref fieldCount, new CsvField(fieldStart, pos, hasQuote));
                hasQuote = false;
                fieldStart = ++pos;
            }
            else if (b == '\n')
            {
                contentLength = pos > fieldStart && data[pos - 1] == '\r' ? pos - 1 : pos;
                Add(ref fields, ref fieldCount, new CsvField(fieldStart, contentLength, hasQuote));
                recordLength = pos + 1;
                return FrameStatus.Complete;
            }
            else if (dialect.StrictQuotes || pos == fieldStart || pos == reopenAt)
            {
                hasQuote = true;
                pos++;
                var close = data[pos..].IndexOf((byte)'"');
                if (close < 0)
                {
                    recordLength = data.Length;
                    return isFinal ? FrameStatus.Unterminated : FrameStatus.NeedMore;
                }

                pos += close + 1;
                reopenAt = pos;
            }
            else
            {
                pos++;
            }
        }
    }

    /// <summary>
    /// <see cref="FindRecordEnd(ReadOnlySpan{byte}, CsvDialect, ref QuoteState)"/> for strict quotes (every quote
    /// toggles the state), with the state as a flag.
    /// </summary>
    public static int FindRecordEnd(ReadOnlySpan<byte> data, ref bool inQuotes)
    {
        var pos = 0;
        while (pos < data.Length)
        {
            int rel;
            if (inQuotes)
            {
                rel = data[pos..].IndexOf((byte)'"');
                if (rel < 0)
                {
                    return -1;
                }

                inQuotes = false;
                pos += rel + 1;
                continue;
            }

            rel = data[pos..].IndexOfAny(s_quoteOrNewline);
            if (rel < 0)
            {
                return -1;
            }

            pos += rel;
            if (data[pos] == '\n')
            {
                return pos + 1;
            }

            inQuotes = true;
            pos++;
        }

        return -1;
    }

    /// <summary>
    /// The length up to and including the '\n' that ends the record in which <paramref name="data"/> starts, given
    /// the <paramref name="state"/> before it (updated to the state at the end of the data when none is found);
    /// -1 when none. Follows the same rules as <see cref="Frame(ReadOnlySpan{byte}, bool, CsvDialect, ref CsvField[], out int, out int, out int)"/>.
    /// </summary>
    public static int FindRecordEnd(ReadOnlySpan<byte> data, CsvDialect dialect, ref QuoteState state)
    {
        if (dialect.StrictQuotes)
        {
            var inQuotes = state == QuoteState.InsideQuotes;
            var end = FindRecordEnd(data, ref inQuotes);
            state = inQuotes ? QuoteState.InsideQuotes : QuoteState.FieldStart;
            return end;
        }

        var pos = 0;
        while (pos < data.Length)
        {
            int rel;
            if (state == QuoteState.InsideQuotes)
            {
                rel = data[pos..].IndexOf((byte)'"');
                if (rel < 0)
                {
                    return -1;
                }

                state = QuoteState.AfterClosingQuote;
                pos += rel + 1;
                continue;
            }

            rel = data[pos..].IndexOfAny(dialect.Specials);
            if (rel != 0)
            {
                state = QuoteState.InUnquotedField;
                if (rel < 0)
                {
                    return -1;
                }
            }

            pos += rel;
            var b = data[pos++];
            if (b == '\n')
            {
                state = QuoteState.FieldStart;
                return pos;
            }

            state = b == dialect.Delimiter ? QuoteState.FieldStart
                : state == QuoteState.InUnquotedField ? QuoteState.InUnquotedField
                : QuoteState.InsideQuotes;
        }

        return -1;
    }

    /// <summary>
    /// The value of a field: unquoted as is; quoted without the enclosing quotes and with doubled quotes made single
    /// (copied into <paramref name="scratch"/> when there are any). False with a reason for a malformed field.
    /// </summary>
    public static bool TryGetValue(
        ReadOnlySpan<byte> raw,
        bool hasQuote,
        ref byte[] scratch,
        out ReadOnlySpan<byte> value,
        out bool quoted,
        out string? error)
    {
        error = null;
        quoted = false;
        value = raw;
        if (!hasQuote)
        {
            return true;
        }

        if (raw[0] != '"')
        {
            error = "a quote inside an unquoted field";
            return false;
        }

        if (raw.Length < 2 || raw[^1] != '"')
        {
            error = "unexpected text after a closing quote";
            return false;
        }

        quoted = true;
        var inner = raw[1..^1];
        var q = inner.IndexOf((byte)'"');
        if (q < 0)
        {
            value = inner;
            return true;
        }

        if (scratch.Length < inner.Length)
        {
            scratch = new byte[Math.Max(inner.Length, scratch.Length * 2)];
        }

        var written = 0;
        while (q >= 0)
        {
            if (q + 1 >= inner.Length || inner[q + 1] != '"')
            {
                error = "unexpected text after a closing quote";
                return false;
            }

            inner[..(q + 1)].CopyTo(scratch.AsSpan(written));
            written += q + 1;
            inner = inner[(q + 2)..];
            q = inner.IndexOf((byte)'"');
        }

        inner.CopyTo(scratch.AsSpan(written));
        written += inner.Length;
        value = scratch.AsSpan(0, written);
        return true;
    }

    private static void Add(ref CsvField[] fields, ref int count, CsvField field)
    {
        if (count == fields.Length)
        {
            Array.Resize(ref fields, fields.Length * 2);
        }

        fields[count++] = field;
    }
}
