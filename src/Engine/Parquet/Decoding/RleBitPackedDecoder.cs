using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
                for (; p < positions.Length && positions[p] < end; p++)
                {
                    target[p] = PackedAt(_packedBit + ((long)(positions[p] - done) * _bitWidth));
                }

                _packedBit += (long)n * _bitWidth;
            }

            _runLeft -= n;
            done = end;
        }
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

    /// <summary>
    /// Unpacks the bit-packed run's next values: one by one up to a group's first value, then (widths up to 24 with
    /// AVX2) the whole groups of 8 in the run whose vector loads stay in the page, the rest one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Unpack(Span<int> target)
    {
        var width = _bitWidth;
        if (width == 0)
        {
            target.Clear();
            return;
        }

        var head = (int)Math.Min(target.Length, (8 - (_packedBit / width % 8)) % 8);
        UnpackOneByOne(target[..head]);
        var i = head;
        if (width <= 24 && Avx2.IsSupported)
        {
            // At a group's first value: the group starts at a whole byte, width bytes further on the next one. The
            // groups wholly in the run, whose loads stay in the page (the bytes loaded past a group are not used).
            var groupAt = _packedStart + (_packedBit >> 3);
            var inRun = (_position - groupAt) / width;
            var room = _data.Length - groupAt - GroupReach(width);
            var groups = room < 0 ? 0 : (int)Math.Min(Math.Min((target.Length - i) >> 3, inRun), (room / width) + 1);
            if (groups > 0)
            {
                UnpackGroups(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), (nint)groupAt), width, target.Slice(i, groups * 8));
                _packedBit += (long)groups * 8 * width;
                i += groups * 8;
            }
        }

        UnpackOneByOne(target[i..]);
    }

    /// <summary>The bytes from a group's first byte that <see cref="UnpackGroups"/> loads: 16 at the group, 16 at its fifth value's byte.</summary>
    private static int GroupReach(int width) => (4 * width / 8) + 16;

    /// <summary>
    /// Unpacks target.Length / 8 whole groups of <paramref name="width"/> (1 to 24) bits from <paramref name="group"/>:
    /// per group two 16-byte loads (at the first and the fifth value's byte), each shuffled into four 32-bit lanes
    /// holding a value's bytes (the others zeroed), shifted by the value's bit in its first byte and masked. The caller
    /// makes sure the groups are in the run and <see cref="GroupReach"/> bytes are in the page from the last one's first byte.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnpackGroups(ref byte group, int width, Span<int> target)
    {
        var (low, high) = (s_groupShuffles[2 * width], s_groupShuffles[(2 * width) + 1]);
        var shifts = s_groupShifts[width];
        var mask = Vector256.Create((1u << width) - 1);
        var secondHalf = (nint)(4 * width / 8);
        ref var output = ref MemoryMarshal.GetReference(target);
        for (var g = 0; g + 8 <= target.Length; g += 8)
        {
            var first = Ssse3.Shuffle(Vector128.LoadUnsafe(ref group), low);
            var second = Ssse3.Shuffle(Vector128.LoadUnsafe(ref Unsafe.Add(ref group, secondHalf)), high);
            var values = Avx2.ShiftRightLogicalVariable(Vector256.Create(first, second).AsUInt32(), shifts) & mask;
            values.AsInt32().StoreUnsafe(ref Unsafe.Add(ref output, g));
            group = ref Unsafe.Add(ref group, width);
        }
    }

    /// <summary>Per width (1 to 24), at 2 × width the shuffle of a group's first four values out of the 16 bytes at its first byte, at 2 × width + 1 the last four out of the 16 at the fifth value's byte.</summary>
    private static readonly Vector128<byte>[] s_groupShuffles = GroupShuffles();

    /// <summary>Per width (1 to 24), each of a group's values' bit in its first byte.</summary>
    private static readonly Vector256<uint>[] s_groupShifts = GroupShifts();

    private static Vector128<byte>[] GroupShuffles()
    {
        var shuffles = new Vector128<byte>[50];
        Span<byte> lanes = stackalloc byte[16];
        for (var width = 1; width <= 24; width++)
        {
            for (var half = 0; half < 2; half++)
            {
                var from = 4 * width / 8 * half;
                for (var j = 0; j < 4; j++)
                {
                    var bit = ((4 * half) + j) * width;
                    var firstByte = (bit / 8) - from;
                    var bytes = ((bit % 8) + width + 7) / 8;
                    for (var b = 0; b < 4; b++)
                    {
                        // 0x80 zeroes a lane's byte past the value's bits.
                        lanes[(4 * j) + b] = b < bytes ? (byte)(firstByte + b) : (byte)0x80;
                    }
                }

                shuffles[(2 * width) + half] = Vector128.Create<byte>(lanes);
            }
        }

        return shuffles;
    }

    private static Vector256<uint>[] GroupShifts()
    {
        var shifts = new Vector256<uint>[25];
        Span<uint> lanes = stackalloc uint[8];
        for (var width = 1; width <= 24; width++)
        {
            for (var j = 0; j < 8; j++)
            {
                lanes[j] = (uint)(j * width % 8);
            }

            shifts[width] = Vector256.Create<uint>(lanes);
        }

        return shifts;
    }

    /// <summary>Unpacks the bit-packed run's next values one by one: an 8-byte load per value while 8 bytes are left in the run, then byte by byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UnpackOneByOne(Span<int> target)
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
            // levels at a time, its defined rows counted by PopCount.
            for (; i + 8 <= target.Length && (bit >> 3) < runBytes; i += 8, bit += 8)
            {
                uint b = Unsafe.Add(ref start, first + (nint)(bit >> 3));
                count += BitOperations.PopCount(b);
                var eight = target.Slice(i, 8);
                eight[0] = (short)(b & 1);
                eight[1] = (short)((b >> 1) & 1);
                eight[2] = (short)((b >> 2) & 1);
                eight[3] = (short)((b >> 3) & 1);
                eight[4] = (short)((b >> 4) & 1);
                eight[5] = (short)((b >> 5) & 1);
                eight[6] = (short)((b >> 6) & 1);
                eight[7] = (short)(b >> 7);
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
