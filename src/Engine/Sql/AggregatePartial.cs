using System.Runtime.CompilerServices;
using System.Text;
using OrleansProc.Engine.Aggregation;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Batch;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// The partial of an aggregate query: a group table and one column of states per aggregate. Takes rows, or column
/// batches when the query has a <see cref="BatchAggregatePlan"/>.
/// </summary>
internal sealed class AggregatePartial : IPartial, IOwnedPartial, IColumnBatchSink
{
    private readonly AggregateQueryProcessor _processor;
    private readonly BoundQuery _query;
    private readonly Evaluator[] _keyEvaluators;
    private readonly Evaluator?[] _arguments;
    private readonly Evaluator?[] _secondArguments;
    private readonly SqlValue[] _key;
    /// <summary>A MIN or MAX without a partner in <see cref="_minMaxPartners"/>.</summary>
    private const int NoPartner = -1;

    /// <summary>A MIN or MAX its partner earlier in the plan folds.</summary>
    private const int PairedEarlier = -2;

    private readonly BatchAggregatePlan? _plan;

    /// <summary>Per aggregate of the batch plan, from <see cref="MinMaxPartners"/>.</summary>
    private readonly int[] _minMaxPartners;
    private ColumnBatch? _batch;
    private int[] _selection = [];
    private int[] _groupIds = [];

    /// <summary>Per code of the key column's dictionary: its group + 1 (0 when not looked up yet).</summary>
    private int[] _codeGroups = [];

    /// <summary>With two keys, per code + 1 of the first key (0 for NULL), per code + 1 of the second: the group + 1 (0 when not looked up yet).</summary>
    private int[]?[] _pairGroups = [];
    private int _nullKeyGroup = -1;
    private int _capacity;

    public AggregatePartial(AggregateQueryProcessor processor)
    {
        _processor = processor;
        _query = processor.Query;
        _keyEvaluators = _query.GroupKeys;
        _key = new SqlValue[_keyEvaluators.Length];
        Groups = new GroupTable(_keyEvaluators.Length);
        States = new AggregateState[_query.Aggregates.Length];
        _arguments = new Evaluator?[States.Length];
        _secondArguments = new Evaluator?[States.Length];
        for (var i = 0; i < States.Length; i++)
        {
            var spec = _query.Aggregates[i];
            States[i] = AggregateStates.Create(spec, processor.MaxGroups);
            _arguments[i] = spec.Argument;
            _secondArguments[i] = spec.SecondArgument;
        }

        EnsureCapacity(Groups.Count);
        _plan = processor.BatchPlan;
        _minMaxPartners = MinMaxPartners(_plan);
    }

    public SqlQueryProcessor Processor => _processor;

    public GroupTable Groups { get; }

    public AggregateState[] States { get; }

    /// <summary>The batch a CSV scan fills, made on first use; null when the query runs row by row.</summary>
    public ColumnBatch? Batch => _plan is null ? null : _batch ??= new ColumnBatch(_query.InputSchema, _plan.HeldColumns, _plan.Filters);

    /// <summary>Runs the plan over a batch: the WHERE into a selection of rows, their groups, then each aggregate in one loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AcceptBatch(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var plan = _plan ?? throw new InvalidOperationException("the query has no batch plan");
        if (_selection.Length < batch.Count)
        {
            _selection = new int[ColumnBatch.Capacity];
            _groupIds = new int[ColumnBatch.Capacity];
        }

        var count = Select(plan, batch);
        FindGroups(plan, batch, count);
        var groups = _groupIds.AsSpan(0, count);
        var selection = _selection.AsSpan(0, count);
        var oneGroup = plan.KeyColumns.Length == 0;
        for (var a = 0; a < plan.Aggregates.Length; a++)
        {
            var aggregate = plan.Aggregates[a];
            var state = States[a];
            if (aggregate.Column < 0)
            {
                ((CountState)state).IncrementAll(groups);
                continue;
            }

            var nulls = batch.Nulls[aggregate.Column]!;
            var anyNull = nulls.AsSpan(0, batch.Count).Contains(true);
            switch (aggregate.Kind)
            {
                case AggregateKind.Count:
                    ((CountState)state).IncrementNonNull(groups, selection, nulls);
                    break;
                case AggregateKind.SumBigInt or AggregateKind.AvgBigInt when oneGroup:
                    ((IntegerSumState)state).AddToGroup(0, selection, batch.Int64s[aggregate.Column]!, nulls, anyNull);
                    break;
                case AggregateKind.SumBigInt or AggregateKind.AvgBigInt:
                    ((IntegerSumState)state).AddAll(groups, selection, batch.Int64s[aggregate.Column]!, nulls, anyNull);
                    break;
                case AggregateKind.SumDouble or AggregateKind.AvgDouble when oneGroup:
                    ((DoubleSumState)state).AddToGroup(0, selection, batch.Doubles[aggregate.Column]!, nulls, anyNull);
                    break;
                case AggregateKind.SumDouble or AggregateKind.AvgDouble:
                    ((DoubleSumState)state).AddAll(groups, selection, batch.Doubles[aggregate.Column]!, nulls, anyNull);
                    break;
                default:
                    var partner = _minMaxPartners[a];
                    if (partner >= 0)
                    {
                        UpdateMinMaxPair(States[aggregate.Kind == AggregateKind.Min ? a : partner], States[aggregate.Kind == AggregateKind.Min ? partner : a], aggregate, batch, selection, groups, anyNull);
                    }
                    else if (partner == NoPartner)
                    {
                        UpdateMinMax((MinMaxState)state, aggregate, batch, selection, groups, anyNull);
                    }

                    break;
            }
        }
    }

    private static void UpdateMinMax(MinMaxState state, BatchAggregate aggregate, ColumnBatch batch, ReadOnlySpan<int> selection, ReadOnlySpan<int> groups, bool anyNull)
    {
        var nulls = batch.Nulls[aggregate.Column]!;
        if (aggregate.ColumnType == SqlType.Double)
        {
            state.UpdateAll(groups, selection, batch.Doubles[aggregate.Column]!, nulls, anyNull);
        }
        else
        {
            state.UpdateAll(groups, selection, batch.Int64s[aggregate.Column]!, nulls, anyNull);
        }
    }

    private static void UpdateMinMaxPair(AggregateState min, AggregateState max, BatchAggregate aggregate, ColumnBatch batch, ReadOnlySpan<int> selection, ReadOnlySpan<int> groups, bool anyNull)
    {
        var nulls = batch.Nulls[aggregate.Column]!;
        if (aggregate.ColumnType == SqlType.Double)
        {
            MinMaxState.UpdatePair((MinMaxState)min, (MinMaxState)max, groups, selection, batch.Doubles[aggregate.Column]!, nulls, anyNull);
        }
        else
        {
            MinMaxState.UpdatePair((MinMaxState)min, (MinMaxState)max, groups, selection, batch.Int64s[aggregate.Column]!, nulls, anyNull);
        }
    }

    /// <summary>
    /// Per aggregate of the plan: for a MIN with a MAX of the same column later in the plan (or the reverse), that
    /// one's index (the pair folded in one pass); for that later one <see cref="PairedEarlier"/>; else <see cref="NoPartner"/>.
    /// </summary>
    private static int[] MinMaxPartners(BatchAggregatePlan? plan)
    {
        if (plan is null)
        {
            return [];
        }

        var aggregates = plan.Aggregates;
        var partners = new int[aggregates.Length];
        Array.Fill(partners, NoPartner);
        for (var a = 0; a < aggregates.Length; a++)
        {
            if (partners[a] != NoPartner || aggregates[a].Kind is not (AggregateKind.Min or AggregateKind.Max))
            {
                continue;
            }

            var other = aggregates[a].Kind == AggregateKind.Min ? AggregateKind.Max : AggregateKind.Min;
            for (var b = a + 1; b < aggregates.Length; b++)
            {
                if (partners[b] == NoPartner && aggregates[b].Kind == other && aggregates[b].Column == aggregates[a].Column && aggregates[b].ColumnType == aggregates[a].ColumnType)
                {
                    (partners[a], partners[b]) = (b, PairedEarlier);
                    break;
                }
            }
        }

        return partners;
    }

    /// <summary>Fills the selection with the rows that pass every predicate; their number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Select(BatchAggregatePlan plan, ColumnBatch batch)
    {
        var selection = _selection;
        var count = batch.Count;
        var predicates = plan.Predicates;
        if (predicates.Length == 0)
        {
            for (var r = 0; r < count; r++)
            {
                selection[r] = r;
            }

            return count;
        }

        // The first predicate reads the rows in order; each next one the rows kept so far.
        for (var p = 0; p < predicates.Length; p++)
        {
            var predicate = predicates[p];
            var nulls = batch.Nulls[predicate.Column]!;
            if (predicate.Type == SqlType.Double)
            {
                count = SelectDoubles(predicate, batch.Doubles[predicate.Column]!, nulls, p == 0, count);
                continue;
            }

            var longs = batch.Int64s[predicate.Column]!;
            var anyNull = nulls.AsSpan(0, batch.Count).Contains(true);
            var (low, high, negate) = (predicate.Low, predicate.High, predicate.Negate);
            var kept = 0;
            if (p == 0)
            {
                kept = BatchSelection.InRange(longs, nulls, anyNull, low, high, negate, count, selection);
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    var r = selection[i];
                    selection[kept] = r;
                    var v = longs[r];
                    var pass = !nulls[r] & (((v >= low) & (v <= high)) != negate);
                    kept += pass ? 1 : 0;
                }
            }

            count = kept;
        }

        return count;
    }

    /// <summary>Keeps the rows of the selection (of rows 0 to <paramref name="count"/> - 1 when <paramref name="first"/>) whose DOUBLE passes the predicate; their number.</summary>
    private int SelectDoubles(BatchPredicate predicate, double[] doubles, bool[] nulls, bool first, int count)
    {
        var selection = _selection;
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            var r = first ? i : selection[i];
            selection[kept] = r;
            var pass = !nulls[r] && ComparisonEvaluator.Test(predicate.Operator, SqlValueComparer.CompareDouble(doubles[r], predicate.DoubleConstant));
            kept += pass ? 1 : 0;
        }

        return kept;
    }

    /// <summary>The group of each selected row, looked up by the keys' codes (strings and a group table lookup only for a new code).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindGroups(BatchAggregatePlan plan, ColumnBatch batch, int count)
    {
        var groups = _groupIds;
        var keyColumns = plan.KeyColumns;
        if (keyColumns.Length == 0)
        {
            Array.Clear(groups, 0, count);
            return;
        }

        if (keyColumns.Length == 2)
        {
            FindPairGroups(batch, keyColumns[0], keyColumns[1], count);
            return;
        }

        var column = keyColumns[0];
        var codes = batch.Codes[column]!;
        var nulls = batch.Nulls[column]!;
        var anyNull = nulls.AsSpan(0, batch.Count).Contains(true);
        var keys = batch.Keys[column]!;
        var selection = _selection;
        var codeGroups = _codeGroups;
        for (var i = 0; i < count; i++)
        {
            var r = selection[i];
            if (anyNull && nulls[r])
            {
                groups[i] = _nullKeyGroup >= 0 ? _nullKeyGroup : _nullKeyGroup = AddGroup(SqlValue.Null);
                continue;
            }

            var code = codes[r];
            var g = code < codeGroups.Length ? codeGroups[code] - 1 : -1;
            if (g < 0)
            {
                g = AddCode(code, keys);
                codeGroups = _codeGroups;
            }

            groups[i] = g;
        }
    }

    private int AddCode(int code, Utf8KeyDictionary keys)
    {
        if (code >= _codeGroups.Length)
        {
            Array.Resize(ref _codeGroups, Math.Max(keys.Count, Math.Max(64, _codeGroups.Length * 2)));
        }

        _key[0] = SqlValue.FromText(keys.StringOf(code));
        var group = AddGroup();
        _codeGroups[code] = group + 1;
        return group;
    }

    /// <summary>The group of each selected row by two keys: a table per first key's code, indexed by the second key's code (each + 1, 0 for NULL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindPairGroups(ColumnBatch batch, int firstColumn, int secondColumn, int count)
    {
        var groups = _groupIds;
        var selection = _selection;
        var (firstCodes, secondCodes) = (batch.Codes[firstColumn]!, batch.Codes[secondColumn]!);
        var (firstNulls, secondNulls) = (batch.Nulls[firstColumn]!, batch.Nulls[secondColumn]!);
        var pairGroups = _pairGroups;
        for (var i = 0; i < count; i++)
        {
            var r = selection[i];
            var first = firstNulls[r] ? 0 : firstCodes[r] + 1;
            var second = secondNulls[r] ? 0 : secondCodes[r] + 1;
            var row = first < pairGroups.Length ? pairGroups[first] : null;
            var g = row is not null && second < row.Length ? row[second] - 1 : -1;
            if (g < 0)
            {
                g = AddPair(batch, firstColumn, secondColumn, first, second);
                pairGroups = _pairGroups;
            }

            groups[i] = g;
        }
    }

    private int AddPair(ColumnBatch batch, int firstColumn, int secondColumn, int first, int second)
    {
        var (firstKeys, secondKeys) = (batch.Keys[firstColumn]!, batch.Keys[secondColumn]!);
        if (first >= _pairGroups.Length)
        {
            Array.Resize(ref _pairGroups, Math.Max(firstKeys.Count + 1, Math.Max(16, _pairGroups.Length * 2)));
        }

        ref var row = ref _pairGroups[first];
        row ??= [];
        if (second >= row.Length)
        {
            Array.Resize(ref row, Math.Max(secondKeys.Count + 1, Math.Max(16, row.Length * 2)));
        }

        _key[0] = first == 0 ? SqlValue.Null : SqlValue.FromText(firstKeys.StringOf(first - 1));
        _key[1] = second == 0 ? SqlValue.Null : SqlValue.FromText(secondKeys.StringOf(second - 1));
        var group = AddGroup();
        row[second] = group + 1;
        return group;
    }

    private int AddGroup(SqlValue key)
    {
        _key[0] = key;
        return AddGroup();
    }

    /// <summary>The group of the key in <see cref="_key"/>, added when new.</summary>
    private int AddGroup()
    {
        var group = Groups.FindOrAdd(_key);
        if (group >= _capacity)
        {
            EnsureCapacity(group + 1);
        }

        return group;
    }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        if (_query.Where is { } where && !Evaluator.IsTrue(where.Evaluate(row)))
        {
            return;
        }

        for (var i = 0; i < _keyEvaluators.Length; i++)
        {
            _key[i] = _keyEvaluators[i].Evaluate(row);
        }

        var group = Groups.FindOrAdd(_key);
        if (group >= _capacity)
        {
            EnsureCapacity(group + 1);
        }

        for (var i = 0; i < States.Length; i++)
        {
            var argument = _arguments[i];
            if (_secondArguments[i] is { } second)
            {
                ((PairAggregateState)States[i]).Update(group, argument!.Evaluate(row), second.Evaluate(row));
                continue;
            }

            States[i].Update(group, argument is null ? default : argument.Evaluate(row));
        }
    }

    public void Merge(IPartial other)
    {
        if (other is not AggregatePartial o || !ReferenceEquals(o._processor, _processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(other));
        }

        if (ReferenceEquals(o, this))
        {
            throw new ArgumentException("a partial cannot be merged into itself", nameof(other));
        }

        for (var g = 0; g < o.Groups.Count; g++)
        {
            var group = Groups.FindOrAdd(o.Groups.KeyOf(g));
            if (group >= _capacity)
            {
                EnsureCapacity(group + 1);
            }

            for (var i = 0; i < States.Length; i++)
            {
                States[i].Merge(group, o.States[i], g);
            }
        }
    }

    public void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.AggregateKind);
        writer.Write7BitEncodedInt(Groups.Width);
        writer.Write7BitEncodedInt(States.Length);
        writer.Write7BitEncodedInt(Groups.Count);
        if (Groups.Width > 0)
        {
            for (var g = 0; g < Groups.Count; g++)
            {
                foreach (var value in Groups.KeyOf(g))
                {
                    SqlValueCodec.Write(writer, value);
                }
            }
        }

        foreach (var state in States)
        {
            state.Write(writer, Groups.Count);
        }
    }

    public void Complete()
    {
    }

    internal void Read(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, PartialFormat.AggregateKind);
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), Groups.Width, "group key columns");
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), States.Length, "aggregates");
        var count = reader.Read7BitEncodedInt();
        if (count > _processor.MaxGroups)
        {
            throw _processor.TooManyGroups();
        }

        if (Groups.Width > 0)
        {
            var key = new SqlValue[Groups.Width];
            for (var g = 0; g < count; g++)
            {
                for (var i = 0; i < key.Length; i++)
                {
                    key[i] = SqlValueCodec.Read(reader);
                }

                if (Groups.FindOrAdd(key) != g)
                {
                    throw new InvalidDataException("partial holds the same group twice");
                }
            }
        }
        else
        {
            PartialFormat.ExpectCount(count, 1, "groups");
        }

        EnsureCapacity(count);
        foreach (var state in States)
        {
            state.Read(reader, count);
        }
    }

    /// <summary>Grows the states to hold <paramref name="groups"/> groups; fails past the processor's group limit.</summary>
    private void EnsureCapacity(int groups)
    {
        if (groups > _processor.MaxGroups)
        {
            throw _processor.TooManyGroups();
        }

        var capacity = Math.Min(Math.Max(groups, Math.Max(16, _capacity * 2)), _processor.MaxGroups);
        foreach (var state in States)
        {
            state.EnsureCapacity(capacity);
        }

        _capacity = capacity;
    }
}
