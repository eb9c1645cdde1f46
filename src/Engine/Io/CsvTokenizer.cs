using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Frames RFC 4180 CSV records and splits them into fields, using vectorized search for commas, quotes and newlines.
/// </summary>
/// <remarks>
/// Framing follows quote parity exactly: a record ends at the first '\n' after which the number of '"' bytes since
/// the record start is even. This is what makes byte-range cutting exact (see <see cref="QuoteParity"/>): a stray
/// quote in an unquoted field still toggles the state, and the field is reported as bad when it is parsed.
/// </remarks>
internal static class CsvTokenizer
{
    private static readonly SearchValues<byte> s_delimiters = SearchValues.Create(",\"\n"u8);
    private static readonly SearchValues<byte> s_quoteOrNewline = SearchValues.Create("\"\n"u8);

    /// <summary>
    /// Frames the record at the start of <paramref name="data"/>. On <see cref="FrameStatus.Complete"/>,
    /// <paramref name="recordLength"/> includes the line end, <paramref name="contentLength"/> excludes it (and a CR
    /// before it), and <paramref name="fields"/> holds <paramref name="fieldCount"/> fields. When
    /// <paramref name="isFinal"/> is true the data ends the input, and a last record without a newline is complete.
    /// </summary>
    public static FrameStatus Frame(
        ReadOnlySpan<byte> data,
        bool isFinal,
        ref CsvField[] fields,
        out int fieldCount,
        out int contentLength,
        out int recordLength)
    {
        fieldCount = 0;
        return Vector256.IsHardwareAccelerated
            ? FrameVector(data, isFinal, ref fields, ref fieldCount, out contentLength, out recordLength)
            : FrameScalar(data, isFinal, ref fields, ref fieldCount, 0, 0, false, out contentLength, out recordLength);
    }

    /// <summary>
    /// <see cref="Frame"/> 32 bytes at a time: one mask of the commas, quotes and newlines of a block, walked bit by
    /// bit, so a short field costs a few instructions rather than a search call. A quoted field is skipped with one
    /// search for its closing quote; the last bytes of the data, less than a block, are framed by
    /// <see cref="FrameScalar"/>.
    /// </summary>
    private static FrameStatus FrameVector(
        ReadOnlySpan<byte> data,
        bool isFinal,
        ref CsvField[] fields,
        ref int fieldCount,
        out int contentLength,
        out int recordLength)
    {
        ref var origin = ref MemoryMarshal.GetReference(data);
        var comma = Vector256.Create((byte)',');
        var newline = Vector256.Create((byte)'\n');
        var quote = Vector256.Create((byte)'"');
        var found = fields;
        var count = 0;
        var fieldStart = 0;
        var hasQuote = false;
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
                    return FrameScalar(data, isFinal, ref fields, ref fieldCount, block, fieldStart, hasQuote, out contentLength, out recordLength);
                }

                var v = Vector256.LoadUnsafe(ref origin, (nuint)block);
                mask = (Vector256.Equals(v, comma) | Vector256.Equals(v, newline) | Vector256.Equals(v, quote)).ExtractMostSignificantBits();
                maskBase = block;
                block += Vector256<byte>.Count;
            }

            var pos = maskBase + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;

            // pos lies in a block loaded whole from data, so it is in range.
            var b = Unsafe.Add(ref origin, pos);
            if (b == ',')
            {
                if (count == found.Length)
                {
                    Array.Resize(ref fields, found.Length * 2);
                    found = fields;
                }

                found[count++] = new CsvField(fieldStart, pos, hasQuote);
                hasQuote = false;
                fieldStart = pos + 1;
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
            else
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
                mask = 0;
            }
        }
    }

    private static FrameStatus FrameScalar(
        ReadOnlySpan<byte> data,
        bool isFinal,
        ref CsvField[] fields,
        ref int fieldCount,
        int pos,
        int fieldStart,
        bool hasQuote,
        out int contentLength,
        out int recordLength)
    {
        contentLength = 0;
        recordLength = 0;
        while (true)
        {
            var rel = data[pos..].IndexOfAny(s_delimiters);
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
            switch (data[pos])
            {
                case (byte)',':
                    Add(ref fields, ref fieldCount, new CsvField(fieldStart, pos, hasQuote));
                    hasQuote = false;
                    fieldStart = ++pos;
                    break;
                case (byte)'\n':
                    contentLength = pos > fieldStart && data[pos - 1] == '\r' ? pos - 1 : pos;
                    Add(ref fields, ref fieldCount, new CsvField(fieldStart, contentLength, hasQuote));
                    recordLength = pos + 1;
                    return FrameStatus.Complete;
                default:
                    hasQuote = true;
                    pos++;
                    var close = data[pos..].IndexOf((byte)'"');
                    if (close < 0)
                    {
                        recordLength = data.Length;
                        return isFinal ? FrameStatus.Unterminated : FrameStatus.NeedMore;
                    }

                    pos += close + 1;
                    break;
            }
        }
    }

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
