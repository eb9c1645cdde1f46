using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// A hash table from group keys (a fixed number of values) to dense group numbers 0, 1, 2, ... in order of first
/// appearance. Keys live in one flat array, so looking up a key allocates nothing. With no key columns there is
/// exactly one group, number 0, from the start (an aggregate without GROUP BY yields one row even over no rows).
/// </summary>
public sealed class GroupTable
{
    private readonly int _width;
    private SqlValue[] _keys;
    private int[] _hashes;
    private int[] _next;
    private int[] _buckets;

    public GroupTable(int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        _width = width;
        _keys = new SqlValue[16 * Math.Max(width, 1)];
        _hashes = new int[16];
        _next = new int[16];
        _buckets = new int[32];
        if (width == 0)
        {
            Count = 1;
        }
    }

    /// <summary>The number of key values per group.</summary>
    public int Width => _width;

    /// <summary>The number of groups.</summary>
    public int Count { get; private set; }

    /// <summary>The key of a group.</summary>
    public ReadOnlySpan<SqlValue> KeyOf(int group) => _keys.AsSpan(group * _width, _width);

    /// <summary>The number of the group of <paramref name="key"/>, added as a new group if not yet present.</summary>
    public int FindOrAdd(ReadOnlySpan<SqlValue> key)
    {
        if (_width == 0)
        {
            return 0;
        }

        var hash = Hash(key);
        var bucket = hash & (_buckets.Length - 1);
        for (var g = _buckets[bucket] - 1; g >= 0; g = _next[g])
        {
            if (_hashes[g] == hash && KeyEquals(g, key))
            {
                return g;
            }
        }

        var group = Count;
        if (group == _hashes.Length)
        {
            Grow();
            bucket = hash & (_buckets.Length - 1);
        }

        key.CopyTo(_keys.AsSpan(group * _width, _width));
        _hashes[group] = hash;
        _next[group] = _buckets[bucket] - 1;
        _buckets[bucket] = group + 1;
        Count = group + 1;
        return group;
    }

    private static int Hash(ReadOnlySpan<SqlValue> key)
    {
        if (key.Length == 1)
        {
            return Mix(key[0].GetHashCode());
        }

        var h = 17;
        foreach (var v in key)
        {
            h = (h * 31) + v.GetHashCode();
        }

        return Mix(h);
    }

    private static int Mix(int h)
    {
        var x = (uint)h;
        x ^= x >> 16;
        x *= 0x85EBCA6B;
        x ^= x >> 13;
        return (int)x;
    }

    private bool KeyEquals(int group, ReadOnlySpan<SqlValue> key)
    {
        var stored = _keys.AsSpan(group * _width, _width);
        for (var i = 0; i < key.Length; i++)
        {
            if (!stored[i].Equals(key[i]))
            {
                return false;
            }
        }

        return true;
    }

    private void Grow()
    {
        var capacity = _hashes.Length * 2;
        Array.Resize(ref _keys, capacity * _width);
        Array.Resize(ref _hashes, capacity);
        Array.Resize(ref _next, capacity);
        _buckets = new int[capacity * 2];
        var mask = _buckets.Length - 1;
        for (var g = 0; g < Count; g++)
        {
            var bucket = _hashes[g] & mask;
            _next[g] = _buckets[bucket] - 1;
            _buckets[bucket] = g + 1;
        }
    }
}
