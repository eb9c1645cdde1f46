using OrleansProc.Engine.Schema;
using ParquetSharp;
using ParquetSharp.Schema;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// The top-level columns of one Parquet file, from its footer: their names, their types to the Engine and the leaf
/// column each is read from (-1 for a nested column, which is unsupported).
/// </summary>
internal sealed class ParquetFileColumns
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);

    private ParquetFileColumns(IReadOnlyList<string> names, IReadOnlyList<ParquetColumnType> types, IReadOnlyList<int> leaves)
    {
        Names = names;
        Types = types;
        Leaves = leaves;
        for (var i = 0; i < names.Count; i++)
        {
            _ordinals.TryAdd(names[i], i);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<ParquetColumnType> Types { get; }

    /// <summary>Per column: the index of its leaf in the file's column chunks, or -1 for a nested column.</summary>
    public IReadOnlyList<int> Leaves { get; }

    /// <summary>The file's columns as a schema (an unsupported column appears as VARCHAR, and fails when read).</summary>
    public TableSchema ToSchema() =>
        new([.. Names.Select((name, i) => new ColumnSchema(name, Types[i].Type))]);

    /// <summary>The ordinal of a column by name (case-insensitive), or -1.</summary>
    public int IndexOf(string name) => _ordinals.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Reads the columns of an open file.</summary>
    public static ParquetFileColumns Read(ParquetFileReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var metadata = reader.FileMetaData;
        var schema = metadata.Schema;
        var leafOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var leaf = 0; leaf < schema.NumColumns; leaf++)
        {
            var descriptor = schema.Column(leaf);
            using var path = descriptor.Path;
            var parts = path.ToDotVector();
            if (parts.Length == 1 && descriptor.MaxRepetitionLevel == 0)
            {
                leafOf[parts[0]] = leaf;
            }
        }

        var names = new List<string>();
        var types = new List<ParquetColumnType>();
        var leaves = new List<int>();
        using var root = schema.GroupNode;
        foreach (var field in root.Fields)
        {
            using (field)
            {
                names.Add(field.Name);
                if (field is PrimitiveNode && leafOf.TryGetValue(field.Name, out var leaf))
                {
                    types.Add(ParquetTypeMapping.Map(schema.Column(leaf)));
                    leaves.Add(leaf);
                }
                else
                {
                    using var logical = field.LogicalType;
                    var description = field is PrimitiveNode ? "a repeated field" : logical is NoneLogicalType ? "a nested group" : $"{logical.Type}";
                    types.Add(ParquetTypeMapping.Unsupported(description));
                    leaves.Add(-1);
                }
            }
        }

        return new ParquetFileColumns(names, types, leaves);
    }
}
