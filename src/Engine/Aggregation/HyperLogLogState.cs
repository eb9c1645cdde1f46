using System.Numerics;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Aggregation;

/// <summary>
/// APPROX_COUNT_DISTINCT(x): a HyperLogLog sketch per group over <see cref="StableHash"/> hashes of the non-NULL
/// values. A group starts sparse, as the exact set of its hashes (exact up to hash collisions); past
/// <see cref="SparseLimit"/> hashes it becomes 2^14 one-byte registers (16 KiB), estimated with Ertl's improved
/// estimator (no bias tables; a standard error of about 1.04 / sqrt(2^14) = 0.8 %). Merging takes the union of the
/// sets or the maximum of each register, so the estimate does not depend on how the rows were partitioned.
/// Memory is bounded with the query's <c>--max-groups</c>: a hash held counts as one value, a dense sketch as
/// <see cref="SparseLimit"/>. The result is a BIGINT, 0 over no values.
/// </summary>
internal sealed class HyperLogLogState(int maxValues) : AggregateState
{
    /// <summary>The number of index bits: 2^14 registers.</summary>
    public const int Precision = 14;

    /// <summary>The most hashes a group keeps exactly before it turns into registers.</summary>
    public const int SparseLimit = 1024;

    private const int Registers = 1 << Precision;
    private const int MaxRank = 64 - Precision + 1;
    private const byte EmptyTag = 0;
    private const byte SparseTag = 1;
    private const byte DenseTag = 2;

    private HashSet<ulong>?[] _sparse = [];
    private byte[]?[] _dense = [];
    private int _values;

    public override void Update(int group, in SqlValue value)
    {
        if (!value.IsNull)
        {
            AddHash(group, StableHash.Of(value));
        }
    }

    public override void Merge(int group, AggregateState other, int otherGroup)
    {
        var o = (HyperLogLogState)other;
        if (o._dense[otherGroup] is { } registers)
        {
            var target = ToDense(group);
            for (var i = 0; i < Registers; i++)
            {
                target[i] = Math.Max(target[i], registers[i]);
            }
        }
        else if (o._sparse[otherGroup] is { } hashes)
        {
            foreach (var hash in hashes)
            {
                AddHash(group, hash);
            }
        }
    }

    public override SqlValue Result(int group)
    {
        if (_dense[group] is { } registers)
        {
            return SqlValue.FromInt64((long)Math.Round(Estimate(registers)));
        }

        return SqlValue.FromInt64(_sparse[group]?.Count ?? 0);
    }

    /// <summary>Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog sketches", 2017).</summary>
    internal static double Estimate(ReadOnlySpan<byte> registers)
    {
        Span<int> histogram = stackalloc int[MaxRank + 1];
        foreach (var r in registers)
        {
            histogram[r]++;
        }

        double m = registers.Length;
        var z = m * Tau(1 - (histogram[MaxRank] / m));
        for (var k = MaxRank - 1; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma(histogram[0] / m);
        return m * m / (2 * Math.Log(2) * z);
    }

    public override void Write(BinaryWriter writer, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            if (_dense[g] is { } registers)
            {
                writer.Write(DenseTag);
                writer.Write(registers);
            }
            else if (_sparse[g] is { } hashes)
            {
                writer.Write(SparseTag);
                writer.Write7BitEncodedInt(hashes.Count);
                foreach (var hash in hashes)
                {
                    writer.Write(hash);
                }
            }
            else
            {
                writer.Write(EmptyTag);
            }
        }
    }

    protected override void ReadStates(BinaryReader reader, int groups)
    {
        for (var g = 0; g < groups; g++)
        {
            switch (reader.ReadByte())
            {
                case EmptyTag:
                    break;
                case SparseTag:
                    var count = reader.Read7BitEncodedInt();
                    if (count is < 0 or > SparseLimit)
                    {
                        throw new InvalidDataException("partial holds a bad APPROX_COUNT_DISTINCT state");
                    }

                    for (var i = 0; i < count; i++)
                    {
                        AddHash(g, reader.ReadUInt64());
                    }

                    break;
                case DenseTag:
                    var registers = reader.ReadBytes(Registers);
                    if (registers.Length != Registers)
                    {
                        throw new EndOfStreamException("partial ends inside an APPROX_COUNT_DISTINCT state");
                    }

                    foreach (var r in registers)
                    {
                        if (r > MaxRank)
                        {
                            throw new InvalidDataException("partial holds a bad APPROX_COUNT_DISTINCT register");
                        }
                    }

                    Hold(SparseLimit);
                    _dense[g] = registers;
                    break;
                default:
                    throw new InvalidDataException("partial holds a bad APPROX_COUNT_DISTINCT state");
            }
        }
    }

    protected override void Resize(int capacity)
    {
        Array.Resize(ref _sparse, capacity);
        Array.Resize(ref _dense, capacity);
    }

    private static void SetRegister(byte[] registers, ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rest = hash << Precision;
        var rank = (byte)Math.Min(BitOperations.LeadingZeroCount(rest) + 1, MaxRank);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    private static double Sigma(double x)
    {
        if (x == 1)
        {
            return double.PositiveInfinity;
        }

        var y = 1.0;
        var z = x;
        double previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    private static double Tau(double x)
    {
        if (x is 0 or 1)
        {
            return 0;
        }

        var y = 1.0;
        var z = 1 - x;
        double previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        }
        while (z != previous);
        return z / 3;
    }

    private void AddHash(int group, ulong hash)
    {
        if (_dense[group] is { } registers)
        {
            SetRegister(registers, hash);
            return;
        }

        var set = _sparse[group] ??= [];
        if (!set.Contains(hash))
        {
            if (set.Count == SparseLimit)
            {
                SetRegister(ToDense(group), hash);
                return;
            }

            Hold(1);
            set.Add(hash);
        }
    }

    /// <summary>The group's registers, made from its sparse hashes if it has none yet.</summary>
    private byte[] ToDense(int group)
    {
        if (_dense[group] is { } existing)
        {
            return existing;
        }

        var registers = new byte[Registers];
        var held = 0;
        if (_sparse[group] is { } hashes)
        {
            foreach (var hash in hashes)
            {
                SetRegister(registers, hash);
            }

            held = hashes.Count;
            _sparse[group] = null;
        }

        _values -= held;
        Hold(SparseLimit);
        _dense[group] = registers;
        return registers;
    }

    /// <summary>Counts <paramref name="count"/> more values held; throws when they take the total past the limit.</summary>
    private void Hold(int count)
    {
        if (count > maxValues - _values)
        {
            throw new QueryException(
                $"the query holds more than {maxValues} values for APPROX_COUNT_DISTINCT (--max-groups {maxValues}; a group's sketch counts as up to " +
                $"{SparseLimit}): use fewer groups, filter with WHERE, or raise --max-groups if the silos have the memory (a sketch takes 16 KiB)");
        }

        _values += count;
    }
}
