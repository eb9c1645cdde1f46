using System.Runtime.CompilerServices;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// Remembers what was made of a string's bytes by their address, within one <c>ReadBatch</c> result: the values of a
/// dictionary-encoded column point into the dictionary page, so equal values share an address and the string (or
/// code) is made once per distinct value of the result instead of once per cell. Cleared before each result, as a
/// later page may reuse the addresses for other bytes. A small direct-mapped table: a collision only costs a miss.
/// </summary>
internal sealed class ByteArrayValueCache<TValue>
{
    private const int Slots = 256;

    private readonly nint[] _pointers = new nint[Slots];
    private readonly int[] _lengths = new int[Slots];
    private readonly TValue[] _values = new TValue[Slots];

    /// <summary>Forgets every address (before the values of another <c>ReadBatch</c>).</summary>
    public void Clear() => Array.Clear(_pointers);

    /// <summary>The value remembered for the <paramref name="length"/> bytes at <paramref name="pointer"/>, if any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(nint pointer, int length, out TValue value)
    {
        var slot = Slot(pointer);
        if (_pointers[slot] == pointer && _lengths[slot] == length && pointer != 0)
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
        _pointers[slot] = pointer;
        _lengths[slot] = length;
        _values[slot] = value;
    }

    private static int Slot(nint pointer) => (int)(((nuint)pointer >> 3) ^ ((nuint)pointer >> 11)) & (Slots - 1);
}
