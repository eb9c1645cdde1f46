using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansProc.Engine.Parquet.Decoding;

/// <summary>
/// Decodes Parquet's RLE/bit-packed hybrid encoding (definition levels, dictionary indexes, RLE booleans): runs,
/// each a varint header whose low bit says which kind; an RLE run repeats one value (in the fewest whole bytes that
/// hold the bit width) header >> 1 times, a bit-packed run holds header >> 1 groups of 8 values packed from the
/// least significant bit on. Reading past the runs throws <see cref="InvalidDataException"/>.
/// </summary>
internal sealed class RleBitPackedDecoder
{
    private byte[] _data = [];
    private int _position;
    private int _end;
    private int _bitWidth;
    private uint _mask;

    /// <summary>The values left in the current run.</summary>
    private int _runLeft;

    /// <summary>Whether the current run is RLE (else bit-packed).</summary>
    private bool _repeated;

    /// <summary>The current RLE run's value.</summary>
    private int _runValue;

    /// <summary>The bit-packed run's next value's bit, counted from <see cref="_packedStart"/>.</summary>
    private long _packedBit;

    /// <summary>The bit-packed run's first byte.</summary>
    private int _packedStart;

    /// <summary>Starts decoding <paramref name="length"/> bytes of <paramref name="data"/> at <paramref name="offset"/>, values of <paramref name="bitWidth"/> bits (0 to 32).</summary>
    public void Reset(byte[] data, int offset, int length, int bitWidth)
    {
        if (bitWidth is < 0 or > 32)
        {
            throw new InvalidDataException($"An RLE/bit-packed bit width of {bitWidth} (0 to 32 are valid).");
        }

        if (offset < 0 || length < 0 || offset > data.Length - length)
        {
            throw new InvalidDataException($"RLE/bit-packed data of {length} bytes at {offset} past the end of the {data.Length}-byte page.");
        }

        _data = data;
        _position = offset;
        _end = offset + length;
        _bitWidth = bitWidth;
        _mask = bitWidth == 32 ? uint.MaxValue : (1u << bitWidth) - 1;
        _runLeft = 0;
    }

    /// <summary>Fills <paramref name="target"/> with the next values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Read(Span<int> target)
    {
        var done = 0;
        while (done < target.Length)
        {
            if (_runLeft == 0)
            {
                NextRun();
            }

            var n = Math.Min(_runLeft, target.Length - done);
            if (_repeated)
            {
                target.Slice(done, n).Fill(_runValue);
            }
            else
            {
                Unpack(target.Slice(done, n));
            }

            _runLeft -= n;
            done += n;
        }
    }

    /// <summary>
    /// Fills <paramref name="target"/> with <paramref name="map"/>[value] of the next values (dictionary indexes to
    /// their entries' verdicts): an RLE run's entry looked up once, a bit-packed run's as it is unpacked. An index past
    /// the map throws <see cref="InvalidDataException"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadMapped(Span<bool> target, ReadOnlySpan<bool> map)
    {
        var done = 0;
        while (done < target.Length)
        {
            if (_runLeft == 0)
            {
                NextRun();
            }

            var n = Math.Min(_runLeft, target.Length - done);
            if (_repeated)
            {
                target.Slice(done, n).Fill(Lookup(map, _runValue));
            }
            else
            {
                UnpackMapped(target.Slice(done, n), map);
            }

            _runLeft -= n;
            done += n;
        }
    }

    /// <summary>
    /// Passes over the next <paramref name="count"/> values and writes those at <paramref name="positions"/>
    /// (ascending, each below count) into <paramref name="target"/>, in order: an RLE run's value is copied, a
    /// bit-packed run's value read where its bits are, the rest of the run passed over without unpacking.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Gather(ReadOnlySpan<int> positions, int count, Span<int> target)
    {
        var done = 0;
        var p = 0;
        while (done < count)
        {
            if (_runLeft == 0)
            {
                NextRun();
            }

            var n = Math.Min(_runLeft, count - done);
            var end = done + n;
            if (_repeated)
            {
                for (; p < positions.Length && positions[p] < end; p++)
                {
                    target[p] = _runValue;
                }
            }
            else
            {
                p = GatherPacked(positions, p, done, end, target);
                _packedBit += (long)n * _bitWidth;
            }

            _runLeft -= n;
            done = end;
        }
    }

    /// <summary>
    /// Writes the bit-packed run's values at <paramref name="positions"/>[p..] below <paramref name="end"/> (value
    /// <paramref name="done"/> at the run's next bit) into <paramref name="target"/>: an unchecked 8-byte load while 8
    /// bytes are left in the run, else <see cref="PackedAt"/>. Returns the first position not written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int GatherPacked(ReadOnlySpan<int> positions, int p, int done, int end, Span<int> target)
    {
        var width = _bitWidth;
        var mask = _mask;
        var origin = _packedBit - ((long)done * width);
        var limit = ((long)(_position - _packedStart) - 7) * 8;
        ref var start = ref MemoryMarshal.GetArrayDataReference(_data);
        var first = (nint)_packedStart;
        for (; p < positions.Length; p++)
        {
            var position = positions[p];
            if (position >= end)
            {
                break;
            }

            var bit = origin + ((long)position * width);
            target[p] = bit < limit
                ? (int)((uint)(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, first + (nint)(bit >> 3))) >> (int)(bit & 7)) & mask)
                : PackedAt(bit);
        }

        return p;
    }

    /// <summary>
    /// Reads <paramref name="levels"/>.Length definition levels (bit width 1 for a column whose maximum is 1) and
    /// returns how many equal <paramref name="defined"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ReadLevels(Span<short> levels, short defined)
    {
        var done = 0;
        var count = 0;
        while (done < levels.Length)
        {
            if (_runLeft == 0)
            {
                NextRun();
            }

            var n = Math.Min(_runLeft, levels.Length - done);
            var run = levels.Slice(done, n);
            if (_repeated)
            {
                run.Fill((short)_runValue);
                count += _runValue == defined ? n : 0;
            }
            else
            {
                count += UnpackLevels(run, defined);
            }

            _runLeft -= n;
            done += n;
        }

        return count;
    }

    private void NextRun()
    {
        do
        {
            ReadRunHeader();
        }
        while (_runLeft == 0);
    }

    private void ReadRunHeader()
    {
        if (_position >= _end)
        {
            throw new InvalidDataException("RLE/bit-packed data ended before its values did.");
        }

        var header = ReadVarint();
        if ((header & 1) == 0)
        {
            _repeated = true;
            _runLeft = checked((int)(header >> 1));
            var bytes = (_bitWidth + 7) / 8;
            if (bytes > _end - _position)
            {
                throw new InvalidDataException("An RLE run's value past the end of its data.");
            }

            var value = 0;
            for (var i = 0; i < bytes; i++)
            {
                value |= _data[_position + i] << (8 * i);
            }

            _position += bytes;
            _runValue = (int)((uint)value & _mask);
        }
        else
        {
            _repeated = false;
            var groups = checked((int)(header >> 1));
            _runLeft = checked(groups * 8);
            _packedStart = _position;
            _packedBit = 0;

            // The last run may be cut short of its groups' bytes: its values past the end are padding no reader asks for.
            _position += (int)Math.Min((long)groups * _bitWidth, _end - _position);
        }
    }

    /// <summary>Unpacks the bit-packed run's next values: an 8-byte load per value while 8 bytes are left in the run, then byte by byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Unpack(Span<int> target)
    {
        var width = _bitWidth;
        var mask = _mask;
        var bit = _packedBit;
        var runBytes = _position - _packedStart;
        ref var start = ref MemoryMarshal.GetArrayDataReference(_data);
        var first = (nint)_packedStart;
        var limit = ((long)runBytes - 7) * 8;
        var i = 0;
        for (; i < target.Length && bit < limit; i++, bit += width)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, first + (nint)(bit >> 3)));
            target[i] = (int)((uint)(word >> (int)(bit & 7)) & mask);
        }

        _packedBit = bit;
        for (; i < target.Length; i++)
        {
            target[i] = NextPacked();
        }
    }

    /// <summary>As <see cref="Unpack"/>, each value looked up in <paramref name="map"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UnpackMapped(Span<bool> target, ReadOnlySpan<bool> map)
    {
        var width = _bitWidth;
        var mask = _mask;
        var bit = _packedBit;
        var runBytes = _position - _packedStart;
        ref var start = ref MemoryMarshal.GetArrayDataReference(_data);
        var first = (nint)_packedStart;
        var limit = ((long)runBytes - 7) * 8;
        var i = 0;
        for (; i < target.Length && bit < limit; i++, bit += width)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, first + (nint)(bit >> 3)));
            target[i] = Lookup(map, (int)((uint)(word >> (int)(bit & 7)) & mask));
        }

        _packedBit = bit;
        for (; i < target.Length; i++)
        {
            target[i] = Lookup(map, NextPacked());
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Lookup(ReadOnlySpan<bool> map, int index) =>
        (uint)index < (uint)map.Length ? map[index] : throw new InvalidDataException($"A dictionary index {index} past the dictionary's {map.Length} entries.");

    /// <summary>As <see cref="Unpack"/>, into levels; returns how many equal <paramref name="defined"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int UnpackLevels(Span<short> target, short defined)
    {
        var width = _bitWidth;
        var mask = _mask;
        var bit = _packedBit;
        var runBytes = _position - _packedStart;
        ref var start = ref MemoryMarshal.GetArrayDataReference(_data);
        var first = (nint)_packedStart;
        var limit = ((long)runBytes - 7) * 8;
        var count = 0;
        var i = 0;
        if (width == 1 && defined == 1 && (bit & 7) == 0)
        {
            // One-bit levels from a byte boundary (a whole run, or the rest of one read in multiples of 8): a byte of 8
            // levels at a time (each lane of a vector tests its bit: one load, one store), its defined rows counted by PopCount.
            var lanes = Vector128.Create((short)1, (short)2, (short)4, (short)8, (short)16, (short)32, (short)64, (short)128);
            ref var levels = ref MemoryMarshal.GetReference(target);
            for (; i + 8 <= target.Length && (bit >> 3) < runBytes; i += 8, bit += 8)
            {
                uint b = Unsafe.Add(ref start, first + (nint)(bit >> 3));
                count += BitOperations.PopCount(b);
                var set = Vector128.Equals(Vector128.Create((short)b) & lanes, lanes);
                (set & Vector128<short>.One).StoreUnsafe(ref levels, (nuint)i);
            }
        }

        for (; i < target.Length && bit < limit; i++, bit += width)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, first + (nint)(bit >> 3)));
            var level = (short)((uint)(word >> (int)(bit & 7)) & mask);
            target[i] = level;
            count += level == defined ? 1 : 0;
        }

        _packedBit = bit;
        for (; i < target.Length; i++)
        {
            var level = (short)NextPacked();
            target[i] = level;
            count += level == defined ? 1 : 0;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int NextPacked()
    {
        var bit = _packedBit;
        _packedBit = bit + _bitWidth;
        return PackedAt(bit);
    }

    /// <summary>The bit-packed run's value at bit <paramref name="bit"/> (from the run's first byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int PackedAt(long bit)
    {
        var index = _packedStart + (int)(bit >> 3);
        var shift = (int)(bit & 7);
        ulong word;
        if (index <= _position - 8)
        {
            word = BinaryPrimitives.ReadUInt64LittleEndian(_data.AsSpan(index, 8));
        }
        else
        {
            word = 0;
            for (var i = 0; index + i < _position && i < 8; i++)
            {
                word |= (ulong)_data[index + i] << (8 * i);
            }

            if ((bit + _bitWidth + 7) / 8 > _position - _packedStart && _bitWidth > 0)
            {
                throw new InvalidDataException("A bit-packed run's value past the end of its data.");
            }
        }

        return (int)((uint)(word >> shift) & _mask);
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _end)
            {
                throw new InvalidDataException("An RLE/bit-packed run header past the end of its data.");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("An RLE/bit-packed run header longer than 10 bytes.");
    }
}
