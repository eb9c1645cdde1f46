using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansProc.Engine.WordCount;

/// <summary>
/// Counts of words kept as their UTF-8 bytes: an open-addressing table (linear probing, at most half full) whose
/// entries hold the hash, the length, the first 8 bytes and the count, and point into one byte arena for the text.
/// A word of up to 8 bytes is matched on its entry alone; a longer one also compares its bytes past the eighth.
/// </summary>
/// <remarks>
/// The words handed to <see cref="Add(ref byte, int, long)"/> must have 8 readable bytes after their start (the
/// callers' buffers are padded): the first 8 bytes and the last partial chunk are read as whole words and masked.
/// </remarks>
internal sealed class Utf8WordCounts
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
    private Entry[] _table = new Entry[1024];
    private byte[] _arena = new byte[16 * 1024];
    private int _arenaUsed;

    /// <summary>The distinct words.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="count"/> to the word of <paramref name="length"/> bytes at <paramref name="start"/>; true when the word is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(ref byte start, int length, long count)
    {
        var head = Unsafe.ReadUnaligned<ulong>(ref start);
        if (length < 8)
        {
            head &= (1UL << (length * 8)) - 1;
        }

        var h = (head ^ (ulong)length) * Multiplier;
        for (var i = 8; i < length; i += 8)
        {
            var chunk = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i));
            if (length - i < 8)
            {
                chunk &= (1UL << ((length - i) * 8)) - 1;
            }

            h = (((h << 23) | (h >> 41)) ^ chunk) * Multiplier;
        }

        var hash = (uint)(h >> 32) ^ (uint)h;
        var table = _table;
        var mask = table.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            ref var entry = ref table[slot];
            if (entry.Length == 0)
            {
                Insert(ref entry, ref start, length, head, hash, count);
                return true;
            }

            if (entry.Hash == hash && entry.Length == length && entry.Head == head
                && (length <= 8 || MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref start, 8), length - 8)
                    .SequenceEqual(_arena.AsSpan(entry.Offset + 8, length - 8))))
            {
                entry.Count += count;
                return false;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Adds <paramref name="count"/> to <paramref name="word"/> (any span: copied to a padded buffer first); true when it is new.</summary>
    public bool Add(ReadOnlySpan<byte> word, long count)
    {
        Span<byte> padded = word.Length <= 248 ? stackalloc byte[word.Length + 8] : new byte[word.Length + 8];
        word.CopyTo(padded);
        return Add(ref MemoryMarshal.GetReference(padded), word.Length, count);
    }

    /// <summary>The slots <see cref="TryGetSlot"/> takes, 0 to this less one.</summary>
    public int SlotCount => _table.Length;

    /// <summary>The word in <paramref name="slot"/> (its UTF-8 bytes) and its count; false for an empty slot.</summary>
    public bool TryGetSlot(int slot, out ReadOnlySpan<byte> word, out long count)
    {
        ref readonly var entry = ref _table[slot];
        word = _arena.AsSpan(entry.Offset, entry.Length);
        count = entry.Count;
        return entry.Length > 0;
    }

    private void Insert(ref Entry entry, ref byte start, int length, ulong head, uint hash, long count)
    {
        if (_arenaUsed + length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + length));
        }

        MemoryMarshal.CreateReadOnlySpan(ref start, length).CopyTo(_arena.AsSpan(_arenaUsed));
        entry = new Entry { Hash = hash, Length = length, Head = head, Offset = _arenaUsed, Count = count };
        _arenaUsed += length;
        if (++Count * 2 > _table.Length)
        {
            Grow();
        }
    }

    private void Grow()
    {
        var old = _table;
        var table = new Entry[old.Length * 2];
        var mask = table.Length - 1;
        foreach (ref readonly var entry in old.AsSpan())
        {
            if (entry.Length == 0)
            {
                continue;
            }

            var slot = (int)entry.Hash & mask;
            while (table[slot].Length != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = entry;
        }

        _table = table;
    }

    private struct Entry
    {
        public ulong Head;
        public long Count;
        public uint Hash;
        public int Length;
        public int Offset;
    }
}
