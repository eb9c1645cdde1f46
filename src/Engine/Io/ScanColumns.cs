using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Io;

/// <summary>The columns of a scan: the schema, which columns are needed, and a string cache per needed VARCHAR column.</summary>
internal sealed class ScanColumns
{
    /// <param name="options">The schema, the needed columns and the format (text values are not cached).</param>
    public ScanColumns(ScanOptions options)
    {
        Schema = options.Schema;
        Needed = [.. options.NeededColumns];
        NeededOrdinals = [.. Enumerable.Range(0, Schema.Count).Where(i => Needed[i])];
        Types = [.. Schema.Columns.Select(c => c.Type)];
        Caches = new StringCache?[Schema.Count];
        for (var i = 0; i < Schema.Count; i++)
        {
            if (Needed[i] && Schema.Columns[i].Type == SqlType.Varchar && options.Format != DataFormat.Text)
            {
                Caches[i] = new StringCache();
            }
        }
    }

    /// <summary>The schema.</summary>
    public TableSchema Schema { get; }

    /// <summary>Per column, its type.</summary>
    public SqlType[] Types { get; }

    /// <summary>Per column, whether it is needed.</summary>
    public bool[] Needed { get; }

    /// <summary>The ordinals of the needed columns, ascending.</summary>
    public int[] NeededOrdinals { get; }

    /// <summary>Per column, the string cache of a needed VARCHAR column (not in text), else null.</summary>
    public StringCache?[] Caches { get; }
}
