using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Sql;

/// <summary>A result row kept for sorting: its output values and its extra sort keys.</summary>
internal sealed class KeptRow
{
    public KeptRow(SqlValue[] values, SqlValue[] keys)
    {
        Values = values;
        Keys = keys;
    }

    public SqlValue[] Values { get; }

    public SqlValue[] Keys { get; }

    public KeptRow Clone() => new((SqlValue[])Values.Clone(), Keys.Length == 0 ? Keys : (SqlValue[])Keys.Clone());
}
