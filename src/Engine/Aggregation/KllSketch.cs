namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// A KLL quantile sketch (Karnin, Lang, Liberty, "Optimal Quantile Approximation in Streams", 2016) over doubles:
/// a stack of compactors, level h holding items of weight 2^h. When the sketch holds more than its capacity, the
/// lowest full level is sorted and every other item (starting at a coin-flipped offset) moves up one level with double
/// weight. Level capacities shrink by 2/3 per level down from the top (<see cref="K"/> at the top, at least 8), so a
/// sketch holds at most about 3K items whatever the count, and a rank is off by about 1.7 / K of the count (about
/// 1 % with K = 200). Sketches merge by concatenating levels and compacting again. The coin is a deterministic
/// generator, so the same rows in the same order give the same sketch; the minimum and the maximum are kept exactly.
/// </summary>
internal sealed class KllSketch
{
    /// <summary>The capacity of the top level; the accuracy parameter.</summary>
    public const int K = 200;

    private const int MinCapacity = 8;

    private readonly List<List<double>> _levels = [[]];
    private ulong _coin = 0x9E3779B97F4A7C15;

    /// <summary>The sum of the levels' capacities, recomputed when a level is added.</summary>
    private int _totalCapacity = K;

    /// <summary>The number of values folded in.</summary>
    public long Count { get; private set; }

    /// <summary>The number of items held (the sketch's size).</summary>
    public int Size { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Folds one value in. NaN is ranked above every number, as DuckDB orders it.</summary>
    public void Add(double value)
    {
        Count++;
        Min = Less(value, Min) ? value : Min;
        Max = Less(Max, value) ? value : Max;
        _levels[0].Add(value);
        Size++;
        Compress();
    }

    /// <summary>Folds another sketch in (the other is left as it was).</summary>
    public void Merge(KllSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        Count += other.Count;
        Min = Less(other.Min, Min) ? other.Min : Min;
        Max = Less(Max, other.Max) ? other.Max : Max;
        for (var h = 0; h < other._levels.Count; h++)
        {
            if (h == _levels.Count)
            {
                AddLevel();
            }

            _levels[h].AddRange(other._levels[h]);
            Size += other._levels[h].Count;
        }

        Compress();
    }

    /// <summary>The value at quantile <paramref name="q"/> (0 to 1): the least item whose cumulative weight reaches q times the count; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        if (q <= 0)
        {
            return Min;
        }

        if (q >= 1)
        {
            return Max;
        }

        var items = new List<(double Value, long Weight)>(Size);
        for (var h = 0; h < _levels.Count; h++)
        {
            foreach (var v in _levels[h])
            {
                items.Add((v, 1L << h));
            }
        }

        items.Sort(static (a, b) => Compare(a.Value, b.Value));
        long total = 0;
        foreach (var (_, weight) in items)
        {
            total += weight;
        }

        var target = q * total;
        long cumulative = 0;
        foreach (var (value, weight) in items)
        {
            cumulative += weight;
            if (cumulative >= target)
            {
                return value;
            }
        }

        return Max;
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Count);
        writer.Write(Min);
        writer.Write(Max);
        writer.Write(_coin);
        writer.Write7BitEncodedInt(_levels.Count);
        foreach (var level in _levels)
        {
            writer.Write7BitEncodedInt(level.Count);
            foreach (var v in level)
            {
                writer.Write(v);
            }
        }
    }

    public static KllSketch Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sketch = new KllSketch
        {
            Count = reader.ReadInt64(),
            Min = reader.ReadDouble(),
            Max = reader.ReadDouble(),
            _coin = reader.ReadUInt64(),
        };
        var levels = reader.Read7BitEncodedInt();
        if (levels is < 1 or > 62 || sketch.Count < 0)
        {
            throw new InvalidDataException("partial holds a bad APPROX_QUANTILE sketch");
        }

        for (var h = 0; h < levels; h++)
        {
            var count = reader.Read7BitEncodedInt();
            if (count < 0 || count > 8 * K)
            {
                throw new InvalidDataException("partial holds a bad APPROX_QUANTILE sketch");
            }

            if (h > 0)
            {
                sketch.AddLevel();
            }

            var level = sketch._levels[h];
            for (var i = 0; i < count; i++)
            {
                level.Add(reader.ReadDouble());
            }

            sketch.Size += count;
        }

        return sketch;
    }

    private static bool Less(double a, double b) => Compare(a, b) < 0;

    /// <summary>Numbers in order, NaN above all of them.</summary>
    private static int Compare(double a, double b) => a < b ? -1 : a > b ? 1 : double.IsNaN(a).CompareTo(double.IsNaN(b));

    private int Capacity(int level)
    {
        var depth = _levels.Count - 1 - level;
        return Math.Max(MinCapacity, (int)Math.Ceiling(K * Math.Pow(2.0 / 3.0, depth)));
    }

    private void AddLevel()
    {
        _levels.Add([]);
        var total = 0;
        for (var h = 0; h < _levels.Count; h++)
        {
            total += Capacity(h);
        }

        _totalCapacity = total;
    }

    /// <summary>Compacts the lowest full level until the sketch fits its capacity.</summary>
    private void Compress()
    {
        while (Size > _totalCapacity)
        {
            for (var h = 0; h < _levels.Count; h++)
            {
                if (_levels[h].Count >= Capacity(h))
                {
                    Compact(h);
                    break;
                }
            }
        }
    }

    private void Compact(int h)
    {
        if (h + 1 == _levels.Count)
        {
            AddLevel();
        }

        var level = _levels[h];
        var above = _levels[h + 1];
        level.Sort(Compare);

        // An odd item out stays behind (the largest), so weights add up exactly.
        var kept = level.Count % 2 == 1 ? level[^1] : (double?)null;
        var pairs = level.Count / 2;
        var offset = (int)(NextCoin() & 1);
        for (var i = 0; i < pairs; i++)
        {
            above.Add(level[(2 * i) + offset]);
        }

        level.Clear();
        if (kept is { } k)
        {
            level.Add(k);
        }

        Size -= pairs;
    }

    /// <summary>The next value of a xorshift64 generator.</summary>
    private ulong NextCoin()
    {
        var x = _coin;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        _coin = x;
        return x;
    }
}
