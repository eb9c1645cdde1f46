using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Sql;

/// <summary>Runs a query over in-memory rows through one partial (or several, merged), as a partition grain would.</summary>
internal static class QueryRunner
{
    public static TableSchema MakeSchema(params (string Name, SqlType Type)[] columns)
    {
        var list = new List<ColumnSchema>();
        foreach (var (name, type) in columns)
        {
            list.Add(new ColumnSchema(name, type));
        }

        return new TableSchema(list);
    }

    public static ResultTable Run(string sql, TableSchema schema, IEnumerable<SqlValue[]> rows) =>
        Run(SqlProcessor.Create(sql, schema), rows);

    public static ResultTable Run(IPartitionProcessor processor, IEnumerable<SqlValue[]> rows)
    {
        using var output = new MemoryStream();
        var partial = processor.CreatePartial(processor.WritesOutputRows ? output : null);
        foreach (var row in rows)
        {
            partial.Accept(row);
        }

        partial.Complete();
        return processor.Finish(RoundTrip(processor, partial));
    }

    /// <summary>Writes a partial and reads it back, so every run exercises the binary format too.</summary>
    public static IPartial RoundTrip(IPartitionProcessor processor, IPartial partial)
    {
        using var buffer = new MemoryStream();
        partial.WriteTo(buffer);
        buffer.Position = 0;
        return processor.ReadPartial(buffer);
    }

    /// <summary>The single value of a one-row, one-column query over the given rows.</summary>
    public static SqlValue Scalar(string expression, TableSchema schema, SqlValue[] row)
    {
        var result = Run($"SELECT {expression} FROM t LIMIT 1", schema, [row]);
        Assert.Single(result.Rows);
        return result.Rows[0][0];
    }

    public static SqlValue I(long v) => SqlValue.FromInt64(v);

    public static SqlValue D(double v) => SqlValue.FromDouble(v);

    public static SqlValue S(string v) => SqlValue.FromText(v);

    public static SqlValue B(bool v) => SqlValue.FromBool(v);

    public static SqlValue N => SqlValue.Null;
}
