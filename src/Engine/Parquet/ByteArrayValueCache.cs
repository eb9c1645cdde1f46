using System.Runtime.CompilerServices;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Remembers what was made of a string's bytes by their address, within one <c>ReadBatch</c> result: the values of a
/// dictionary-encoded column point into the dictionary page, so equal values share an address and the string (or
/// code) is made once per distinct value of the result instead of once per cell. Forgotten before each result
/// (<see cref="Clear"/>), as a later page may reuse the addresses for other bytes. A direct-mapped table: a collision
/// only costs a miss.
/// </summary>
internal sealed class ByteArrayValueCache<TValue>
{
    private const int SlotBits = 10;

    private readonly nint[] _pointers = new nint[1 << SlotBits];
    private readonly int[] _lengths = new int[1 << SlotBits];
    private readonly TValue[] _values = new TValue[1 << SlotBits];

    /// <summary>Per slot: the <see cref="_generation"/> it was filled in; older slots are empty.</summary>
    private readonly int[] _generations = new int[1 << SlotBits];
    private int _generation = 1;

    /// <summary>Forgets every address (before the values of another <c>ReadBatch</c>).</summary>
    public void Clear()
    {
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_generations);
            _generation = 1;
        }
    }

    /// <summary>The value remembered for the <paramref name="length"/> bytes at <paramref name="pointer"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(nint pointer, int length, out TValue value)
    {
        var slot = Slot(pointer);
        if (_generations[slot] == _generation && _pointers[slot] == pointer && _lengths[slot] == length)
        {
            value = _values[slot];
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> for the <paramref name="length"/> bytes at <paramref name="pointer"/>.</summary>
    public void Add(nint pointer, int length, TValue value)
    {
        var slot = Slot(pointer);
        _generations[slot] = _generation;
        _pointers[slot] = pointer;
        _lengths[slot] = length;
        _values[slot] = value;
    }

    /// <summary>Fibonacci hashing: neighbouring dictionary entries (a few bytes apart) land in different slots.</summary>
    private static int Slot(nint pointer) => (int)(((ulong)pointer * 0x9E3779B97F4A7C15) >> (64 - SlotBits));
}
