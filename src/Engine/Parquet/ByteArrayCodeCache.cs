using System.Runtime.CompilerServices;
using OrleansProc.Engine.Io;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// The code of a string in a <see cref="Utf8KeyDictionary"/>, remembered by the string's address for a whole column
/// chunk: the values of a dictionary-encoded column point into the chunk's dictionary page, so the dictionary is
/// hashed into once per distinct value of the chunk instead of once per distinct value of each <c>ReadBatch</c>. An
/// address remembered from an earlier <c>ReadBatch</c> is trusted only after its bytes are compared with the code's
/// (once per <c>ReadBatch</c>, <see cref="StartBatch"/>; within one result every address holds the same bytes), so an
/// address that a later page reuses for other bytes only costs a miss; so does a collision in the direct-mapped table.
/// </summary>
internal sealed class ByteArrayCodeCache
{
    private const int SlotBits = 11;

    private readonly nint[] _pointers = new nint[1 << SlotBits];
    private readonly int[] _lengths = new int[1 << SlotBits];

    /// <summary>Per slot: the code + 1, 0 when empty.</summary>
    private readonly int[] _codes = new int[1 << SlotBits];

    /// <summary>Per slot: the <see cref="_generation"/> (the <c>ReadBatch</c> result) in which its bytes were last compared.</summary>
    private readonly int[] _checked = new int[1 << SlotBits];
    private int _generation = 1;

    /// <summary>Starts the values of another <c>ReadBatch</c> result (the addresses seen before must be checked again).</summary>
    public void StartBatch()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_checked);
            _generation = 1;
        }
    }

    /// <summary>The code of the <paramref name="length"/> bytes at <paramref name="pointer"/> in <paramref name="keys"/> (always the same dictionary), added when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int CodeOf(nint pointer, int length, Utf8KeyDictionary keys)
    {
        var slot = (int)(((ulong)pointer * 0x9E3779B97F4A7C15) >> (64 - SlotBits));
        var code = _codes[slot] - 1;
        if (code >= 0 && _pointers[slot] == pointer && _lengths[slot] == length)
        {
            if (_checked[slot] == _generation)
            {
                return code;
            }

            if (NativeBytes.Of(pointer, length).SequenceEqual(keys.BytesOf(code)))
            {
                _checked[slot] = _generation;
                return code;
            }
        }

        code = keys.GetOrAdd(NativeBytes.Of(pointer, length));
        _pointers[slot] = pointer;
        _lengths[slot] = length;
        _codes[slot] = code + 1;
        _checked[slot] = _generation;
        return code;
    }
}
