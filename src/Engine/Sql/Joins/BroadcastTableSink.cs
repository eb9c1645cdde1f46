using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>Receives a broadcast table's records from the scanner and hashes each on the keys of its <see cref="JoinStep"/>.</summary>
internal sealed class BroadcastTableSink(JoinStep step, int offset, int combinedWidth) : IRowSink
{
    private readonly SqlValue[] _combined = new SqlValue[combinedWidth];

    public BroadcastHashTable Table { get; } = new();

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        row.CopyTo(_combined.AsSpan(offset));
        var key = new SqlValue[step.Build.Length];
        for (var k = 0; k < key.Length; k++)
        {
            key[k] = step.Build[k].Evaluate(_combined);
            if (key[k].IsNull)
            {
                return;
            }
        }

        Table.Add(key, row.ToArray());
    }
}
