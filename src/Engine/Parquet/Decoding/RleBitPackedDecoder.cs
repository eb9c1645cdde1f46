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
                p = GatherPacked(positions, p, done, end, target);
                _packedBit += (long)n * _bitWidth;
            }

            _runLeft -= n;
            done = end;
        }
    }

    /// <summary>
    /// Writes the bit-packed run's values at <paramref name="positions"/>[p..] below <paramref name="end"/> (value
    /// <paramref name="done"/> at the run's next bit) into <paramref name="target"/>: by unchecked 8-byte loads while
    /// 8 bytes are left in the run (<see cref="GatherLoaded"/>), the rest by <see cref="PackedAt"/>. Returns the first
    /// position not written.
    /// </summary>
    private int GatherPacked(ReadOnlySpan<int> positions, int p, int done, int end, Span<int> target)
    {
        if (target.Length < positions.Length)
        {
            throw new ArgumentException("Fewer targets than positions.", nameof(target));
        }

        var origin = _packedBit - ((long)done * _bitWidth);
        var limit = ((long)(_position - _packedStart) - 7) * 8;
        ref var run = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), (nint)_packedStart);
        p = GatherLoaded(ref run, origin, limit, _bitWidth, _mask, positions, p, end, target);
        for (; p < positions.Length && positions[p] < end; p++)
        {
            target[p] = PackedAt(origin + ((long)positions[p] * _bitWidth));
        }

        return p;
    }

    /// <summary>
    /// The loop of <see cref="GatherPacked"/> over the values whose bit (from <paramref name="origin"/>, in the run that
    /// starts at <paramref name="run"/>) is below <paramref name="limit"/>, the last whose 8 bytes lie in the run: one
    /// load, shift and mask each (positions ascend, so the first past the limit ends it). Returns the first position
    /// not written; <paramref name="target"/> is at least as long as <paramref name="positions"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int GatherLoaded(
        ref byte run, long origin, long limit, int width, uint mask, ReadOnlySpan<int> positions, int p, int end, Span<int> target)
    {
        ref var position = ref MemoryMarshal.GetReference(positions);
        ref var value = ref MemoryMarshal.GetReference(target);
        for (; p < positions.Length; p++)
        {
            var at = Unsafe.Add(ref position, p);
            var bit = origin + ((long)at * width);
            if (at >= end || bit >= limit)
            {
                break;
            }

            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref run, (nint)(bit >> 3)));
            Unsafe.Add(ref value, p) = (int)((uint)(word >> (int)(bit & 7)) & mask);
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

    /// <summary>
    /// As <see cref="Unpack"/>, each value looked up in <paramref name="map"/>: 32 values at a time by
    /// <see cref="MapVectors"/> where it applies, the rest one by one.
    /// </summary>
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
        if (Avx2.IsSupported && width is > 0 and <= 8 && map.Length <= 32)
        {
            i = MapVectors(ref Unsafe.Add(ref start, first), bit, limit, width, map, target);
            bit += (long)i * width;
        }

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

    /// <summary>
    /// The verdicts of a bit-packed run's values of 1 to 8 bits from <paramref name="bit"/> on, for a map of at most 32
    /// entries: 32 values at a time, 8 to a vector of 8 lanes (one 8-byte load per 8 values: a byte shuffle puts each
    /// value's bytes in its lane, a shift per lane and a mask give the index, a shift of the map's bits by the index its
    /// verdict), four vectors packed to 32 booleans, then 8 at a time. Stops where the next values' loads would pass
    /// <paramref name="limit"/> (the run's last 8-byte load) or an index is past the map (the values one by one then
    /// throw). Returns the values written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MapVectors(ref byte run, long bit, long limit, int width, ReadOnlySpan<bool> map, Span<bool> target)
    {
        // Eight consecutive values from a bit s within a byte span s + 8 * width <= 64 bits: value j starts at bit
        // s + j * width, in byte (s + j * width) / 8 of the 8 loaded, at bit (s + j * width) % 8 of the lane's 4 bytes.
        var s = (int)(bit & 7);
        if (s + (8 * width) > 64)
        {
            return 0;
        }

        // Lane j's 4 bytes are loaded bytes at/8 to at/8 + 3 (within each 128-bit half, which holds the 8 bytes twice;
        // those past the value's own bits are masked off), shifted right by at % 8.
        var at = Vector256.Create((uint)s) + (Vector256.Create((uint)width) * Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7));
        var control = ((Vector256.ShiftRightLogical(at, 3) * 0x01010101u) + Vector256.Create(0x03020100u)).AsByte();
        var lanes = at & Vector256.Create(7u);
        var mask = Vector256.Create((1u << width) - 1);
        var last = Vector256.Create(map.Length - 1);
        var verdictBits = 0u;
        for (var e = 0; e < map.Length; e++)
        {
            verdictBits |= (map[e] ? 1u : 0u) << e;
        }

        var verdicts = Vector256.Create(verdictBits);
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        ref var output = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(target));
        var groupBits = 8 * width;
        var i = 0;
        for (; i + 32 <= target.Length && bit + (3L * groupBits) < limit; i += 32, bit += 4L * groupBits)
        {
            var a = Indexes(ref run, bit, control, lanes, mask);
            var b = Indexes(ref run, bit + groupBits, control, lanes, mask);
            var c = Indexes(ref run, bit + (2L * groupBits), control, lanes, mask);
            var d = Indexes(ref run, bit + (3L * groupBits), control, lanes, mask);
            var past = Avx2.CompareGreaterThan(a.AsInt32(), last) | Avx2.CompareGreaterThan(b.AsInt32(), last)
                | Avx2.CompareGreaterThan(c.AsInt32(), last) | Avx2.CompareGreaterThan(d.AsInt32(), last);
            if (past != Vector256<int>.Zero)
            {
                break;
            }

            var ab = Avx2.PackSignedSaturate(Verdicts(verdicts, a), Verdicts(verdicts, b));
            var cd = Avx2.PackSignedSaturate(Verdicts(verdicts, c), Verdicts(verdicts, d));
            var bytes = Avx2.PackUnsignedSaturate(ab, cd).AsInt32();
            Avx2.PermuteVar8x32(bytes, order).AsByte().StoreUnsafe(ref output, (nuint)i);
        }

        // Then 8 at a time: the verdicts' lanes to 8 bits (MoveMask), each bit to a byte of 0 or 1.
        for (; i + 8 <= target.Length && bit < limit; i += 8, bit += groupBits)
        {
            var a = Indexes(ref run, bit, control, lanes, mask);
            if (Avx2.CompareGreaterThan(a.AsInt32(), last) != Vector256<int>.Zero)
            {
                break;
            }

            var bits = (ulong)Vector256.ShiftLeft(Verdicts(verdicts, a), 31).ExtractMostSignificantBits();
            var spread = (((bits * 0x0101010101010101UL) & 0x8040201008040201UL) + 0x7F7F7F7F7F7F7F7FUL) >> 7;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref output, i), spread & 0x0101010101010101UL);
        }

        return i;
    }

    /// <summary>The dictionary indexes of the 8 values from <paramref name="bit"/> of the run, one per lane (<see cref="MapVectors"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Indexes(ref byte run, long bit, Vector256<byte> control, Vector256<uint> lanes, Vector256<uint> mask)
    {
        var bytes = Vector256.Create(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref run, (nint)(bit >> 3)))).AsByte();
        return Avx2.ShiftRightLogicalVariable(Avx2.Shuffle(bytes, control).AsUInt32(), lanes) & mask;
    }

    /// <summary>Per lane: 1 when the map's bit at the lane's index is set, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Verdicts(Vector256<uint> verdicts, Vector256<uint> indexes) =>
        (Avx2.ShiftRightLogicalVariable(verdicts, indexes) & Vector256<uint>.One).AsInt32();

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
        if (width == 1 && defined == 1)
        {
            // One-bit levels: 16 at a time from any bit while 8 bytes are left in the run, then from a byte boundary a
            // byte of 8 at a time (each lane of a vector tests its bit: one load, one store), the defined rows counted by PopCount.
            var lanes = Vector128.Create((short)1, (short)2, (short)4, (short)8, (short)16, (short)32, (short)64, (short)128);
            ref var levels = ref MemoryMarshal.GetReference(target);
            i = Vector256.IsHardwareAccelerated ? WideLevels(ref Unsafe.Add(ref start, first), bit, limit, target, ref count) : 0;
            bit += i;
            for (; i + 8 <= target.Length && (bit & 7) == 0 && (bit >> 3) < runBytes; i += 8, bit += 8)
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

    /// <summary>
    /// One-bit levels of 1 from <paramref name="bit"/> of the run on (at any bit), 16 at a time while the 8 bytes
    /// from the next one's byte lie in the run (below <paramref name="limit"/>): each lane of a vector tests its bit.
    /// Adds the defined ones to <paramref name="count"/>; returns the levels written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WideLevels(ref byte run, long bit, long limit, Span<short> target, ref int count)
    {
        var lanes = Vector256.Create(
            (short)1, (short)2, (short)4, (short)8, (short)16, (short)32, (short)64, (short)128,
            (short)256, (short)512, (short)1024, (short)2048, (short)4096, (short)8192, (short)16384, short.MinValue);
        ref var levels = ref MemoryMarshal.GetReference(target);
        var i = 0;
        for (; i + 16 <= target.Length && bit < limit; i += 16, bit += 16)
        {
            var sixteen = (uint)(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref run, (nint)(bit >> 3))) >> (int)(bit & 7)) & 0xFFFF;
            count += BitOperations.PopCount(sixteen);
            var set = Vector256.Equals(Vector256.Create((short)sixteen) & lanes, lanes);
            (set & Vector256<short>.One).StoreUnsafe(ref levels, (nuint)i);
        }

        return i;
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
