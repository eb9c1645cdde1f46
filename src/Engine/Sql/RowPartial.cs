using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Sql.Evaluation;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>
/// The partial of a query with ORDER BY or LIMIT and no aggregates. With LIMIT only it keeps the first LIMIT rows
/// (merges append in merge order); with ORDER BY and LIMIT it keeps the best LIMIT rows in a bounded heap; with
/// ORDER BY only it keeps every row, up to <see cref="RowQueryProcessor.MaxKeptRows"/>.
/// </summary>
internal sealed class RowPartial : IPartial, IOwnedPartial
{
    private readonly RowQueryProcessor _processor;
    private readonly BoundQuery _query;
    private readonly bool _ordered;
    private readonly long _limit;
    private readonly List<KeptRow> _list = [];
    private readonly PriorityQueue<KeptRow, KeptRow>? _heap;
    private readonly KeptRow _scratch;

    public RowPartial(RowQueryProcessor processor)
    {
        _processor = processor;
        _query = processor.Query;
        _ordered = _query.OrderBy.Length > 0;
        _limit = _query.Limit ?? long.MaxValue;
        if (_ordered && _query.Limit is not null)
        {
            // The heap's top is the worst row kept: the comparer is reversed.
            _heap = new PriorityQueue<KeptRow, KeptRow>(Comparer<KeptRow>.Create((a, b) => processor.Comparer.Compare(b, a)));
        }

        _scratch = new KeptRow(new SqlValue[_query.Outputs.Length], new SqlValue[_query.ExtraSortKeys.Length]);
    }

    public SqlQueryProcessor Processor => _processor;

    private int Count => _heap?.Count ?? _list.Count;

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        if (_heap is null && !_ordered && _list.Count >= _limit)
        {
            return;
        }

        if (_query.Where is { } where && !Evaluator.IsTrue(where.Evaluate(row)))
        {
            return;
        }

        var values = _scratch.Values;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _query.Outputs[i].Evaluate(row);
        }

        var keys = _scratch.Keys;
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _query.ExtraSortKeys[i].Evaluate(row);
        }

        Keep(_scratch, copy: true);
    }

    public void Merge(IPartial other)
    {
        if (other is not RowPartial o || !ReferenceEquals(o._processor, _processor))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(other));
        }

        if (ReferenceEquals(o, this))
        {
            throw new ArgumentException("a partial cannot be merged into itself", nameof(other));
        }

        foreach (var row in o.KeptRows())
        {
            Keep(row, copy: false);
        }
    }

    public void WriteTo(Stream destination)
    {
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, PartialFormat.RowsKind);
        writer.Write7BitEncodedInt(_scratch.Values.Length);
        writer.Write7BitEncodedInt(_scratch.Keys.Length);
        writer.Write7BitEncodedInt(Count);
        foreach (var row in KeptRows())
        {
            foreach (var v in row.Values)
            {
                SqlValueCodec.Write(writer, v);
            }

            foreach (var v in row.Keys)
            {
                SqlValueCodec.Write(writer, v);
            }
        }
    }

    public void Complete()
    {
    }

    /// <summary>The kept rows, in arrival order for LIMIT only, otherwise in no particular order.</summary>
    internal List<KeptRow> Rows() => [.. KeptRows()];

    internal void Read(Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, PartialFormat.RowsKind);
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), _scratch.Values.Length, "output columns");
        PartialFormat.ExpectCount(reader.Read7BitEncodedInt(), _scratch.Keys.Length, "sort keys");
        var count = reader.Read7BitEncodedInt();
        for (var r = 0; r < count; r++)
        {
            var values = new SqlValue[_scratch.Values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = SqlValueCodec.Read(reader);
            }

            var keys = _scratch.Keys.Length == 0 ? [] : new SqlValue[_scratch.Keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = SqlValueCodec.Read(reader);
            }

            Keep(new KeptRow(values, keys), copy: false);
        }
    }

    private IEnumerable<KeptRow> KeptRows()
    {
        if (_heap is null)
        {
            return _list;
        }

        var rows = new List<KeptRow>(_heap.Count);
        foreach (var (row, _) in _heap.UnorderedItems)
        {
            rows.Add(row);
        }

        return rows;
    }

    private void Keep(KeptRow row, bool copy)
    {
        if (_heap is not null)
        {
            if (_limit == 0)
            {
                return;
            }

            if (_heap.Count < _limit)
            {
                var kept = copy ? row.Clone() : row;
                _heap.Enqueue(kept, kept);
            }
            else if (_processor.Comparer.Compare(row, _heap.Peek()) < 0)
            {
                var kept = copy ? row.Clone() : row;
                _heap.DequeueEnqueue(kept, kept);
            }

            return;
        }

        if (!_ordered)
        {
            if (_list.Count < _limit)
            {
                _list.Add(copy ? row.Clone() : row);
            }

            return;
        }

        if (_list.Count >= _processor.MaxKeptRows)
        {
            throw new QueryException(
                $"result too large: more than {_processor.MaxKeptRows:N0} rows to sort; add LIMIT (or aggregate) to make the result smaller");
        }

        _list.Add(copy ? row.Clone() : row);
    }
}
