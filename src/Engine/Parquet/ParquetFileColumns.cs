using OrleansProc.Engine.Parquet.Decoding;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Parquet;

/// <summary>
/// The top-level columns of one Parquet file, from its footer's schema: their names, their types to the Engine, the
/// leaf column each is read from (-1 for a nested or repeated column, which is unsupported) and its maximum
/// definition level.
/// </summary>
internal sealed class ParquetFileColumns
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);

    private ParquetFileColumns(IReadOnlyList<string> names, IReadOnlyList<ParquetColumnType> types, IReadOnlyList<int> leaves, IReadOnlyList<short> maxDefinitions)
    {
        Names = names;
        Types = types;
        Leaves = leaves;
        MaxDefinitions = maxDefinitions;
        for (var i = 0; i < names.Count; i++)
        {
            _ordinals.TryAdd(names[i], i);
        }
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<ParquetColumnType> Types { get; }

    /// <summary>Per column: the index of its leaf in the file's column chunks, or -1 for a nested or repeated column.</summary>
    public IReadOnlyList<int> Leaves { get; }

    /// <summary>Per column: its maximum definition level (0 required, 1 optional), or -1 for a nested or repeated column.</summary>
    public IReadOnlyList<short> MaxDefinitions { get; }

    /// <summary>The file's columns as a schema (an unsupported column appears as VARCHAR, and fails when read).</summary>
    public TableSchema ToSchema() =>
        new([.. Names.Select((name, i) => new ColumnSchema(name, Types[i].Type))]);

    /// <summary>The ordinal of a column by name (case-insensitive), or -1.</summary>
    public int IndexOf(string name) => _ordinals.TryGetValue(name, out var i) ? i : -1;

    /// <summary>
    /// The columns of a footer's flattened schema (depth first, the root first); <paramref name="leafCount"/> is the
    /// number of leaf columns, each of which has a column chunk in every row group. A schema whose children do not add
    /// up throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static ParquetFileColumns Read(IReadOnlyList<ParquetSchemaElement> schema, out int leafCount)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var names = new List<string>();
        var types = new List<ParquetColumnType>();
        var leaves = new List<int>();
        var maxDefinitions = new List<short>();
        var position = 1;
        var leaf = 0;
        var root = schema[0];
        for (var f = 0; f < root.Children; f++)
        {
            if (position >= schema.Count)
            {
                throw new InvalidDataException($"the schema's root has {root.Children} fields, but only {schema.Count - 1} elements follow");
            }

            var field = schema[position];
            names.Add(field.Name);
            if (field.IsLeaf && field.Repetition != ParquetSchemaElement.Repeated)
            {
                types.Add(ParquetTypeMapping.Map(field));
                leaves.Add(leaf);
                maxDefinitions.Add(field.Repetition == ParquetSchemaElement.Optional ? (short)1 : (short)0);
            }
            else
            {
                var description = field.IsLeaf ? "a repeated field" : field.Logical.Kind == ParquetLogicalType.None ? "a nested group" : field.Logical.Name;
                types.Add(ParquetTypeMapping.Unsupported(description));
                leaves.Add(-1);
                maxDefinitions.Add(-1);
            }

            leaf += Skip(schema, ref position);
        }

        if (position != schema.Count)
        {
            throw new InvalidDataException($"the schema has {schema.Count} elements, but its tree holds {position}");
        }

        leafCount = leaf;
        return new ParquetFileColumns(names, types, leaves, maxDefinitions);
    }

    /// <summary>Moves past the subtree at <paramref name="position"/>; returns its leaves.</summary>
    private static int Skip(IReadOnlyList<ParquetSchemaElement> schema, ref int position)
    {
        var pending = 1;
        var leaves = 0;
        while (pending > 0)
        {
            if (position >= schema.Count)
            {
                throw new InvalidDataException($"the schema's groups hold more elements than its {schema.Count}");
            }

            var element = schema[position++];
            pending--;
            if (element.IsLeaf)
            {
                leaves++;
            }
            else
            {
                pending += element.Children;
            }
        }

        return leaves;
    }
}
