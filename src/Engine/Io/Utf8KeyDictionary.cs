using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace OrleansProc.Engine.Io;

/// <summary>
/// Interns VARCHAR values by their UTF-8 bytes: each distinct value gets a dense code 0, 1, 2, ... in order of first
/// appearance, and a string made once, when it is first seen. Looking up a value already seen hashes and compares
/// bytes only (an open-addressing table over one byte arena), so a scan makes no string per record for it.
/// </summary>
internal sealed class Utf8KeyDictionary
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private byte[] _arena = new byte[1024];
    private int _arenaUsed;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private uint[] _hashes = new uint[16];
    private string[] _strings = new string[16];

    /// <summary>Slot to code + 1; 0 is an empty slot.</summary>
    private int[] _slots = new int[32];

    /// <summary>The number of distinct values seen.</summary>
    public int Count { get; private set; }

    /// <summary>The value of a code.</summary>
    public string StringOf(int code) => _strings[code];

    /// <summary>The UTF-8 bytes of a code's value (valid until the next <see cref="GetOrAdd"/>).</summary>
    public ReadOnlySpan<byte> BytesOf(int code) => _arena.AsSpan(_starts[code], _lengths[code]);

    /// <summary>The code of <paramref name="utf8"/> (valid UTF-8), added when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0)
            {
                return Add(utf8, hash, slot);
            }

            if (_hashes[entry] == hash && utf8.SequenceEqual(_arena.AsSpan(_starts[entry], _lengths[entry])))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The code of <paramref name="utf8"/>, or -1 when it was never added.</summary>
    public int Find(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var entry = _slots[slot] - 1;
            if (entry < 0 || (_hashes[entry] == hash && utf8.SequenceEqual(_arena.AsSpan(_starts[entry], _lengths[entry]))))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }
    }

    private int Add(ReadOnlySpan<byte> utf8, uint hash, int slot)
    {
        var code = Count;
        if (code == _starts.Length)
        {
            var capacity = code * 2;
            Array.Resize(ref _starts, capacity);
            Array.Resize(ref _lengths, capacity);
            Array.Resize(ref _hashes, capacity);
            Array.Resize(ref _strings, capacity);
        }

        if (_arena.Length - _arenaUsed < utf8.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + utf8.Length));
        }

        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        _starts[code] = _arenaUsed;
        _lengths[code] = utf8.Length;
        _arenaUsed += utf8.Length;
        _hashes[code] = hash;
        _strings[code] = Encoding.UTF8.GetString(utf8);
        _slots[slot] = code + 1;
        Count = code + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return code;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var code = 0; code < Count; code++)
        {
            var slot = (int)_hashes[code] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = code + 1;
        }
    }

    /// <summary>A multiplicative hash of the bytes, 8 at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        var h = ((ulong)utf8.Length + 1) * Multiplier;
        while (utf8.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(utf8)) * Multiplier;
            h ^= h >> 29;
            utf8 = utf8[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            tail |= (ulong)utf8[i] << (8 * i);
        }

        h = (h ^ tail) * Multiplier;
        return (uint)(h >> 32);
    }
}
