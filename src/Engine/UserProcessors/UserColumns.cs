using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>The input columns a user processor named, mapped to the dataset's schema: their positions there, and a lookup by name.</summary>
internal sealed class UserColumns
{
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);

    private UserColumns(IReadOnlyList<string> names, int[] schemaIndexes)
    {
        Names = names;
        SchemaIndexes = schemaIndexes;
        for (var i = 0; i < names.Count; i++)
        {
            _ordinals.TryAdd(names[i], i);
        }
    }

    /// <summary>The processor's column names, in its order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The position in the dataset's schema of each of <see cref="Names"/>.</summary>
    public int[] SchemaIndexes { get; }

    /// <summary>Maps <paramref name="names"/> onto <paramref name="schema"/>.</summary>
    /// <exception cref="QueryException">A name is not a column of the dataset; the message lists the dataset's columns.</exception>
    public static UserColumns Map(string processor, IReadOnlyList<string> names, TableSchema schema)
    {
        var indexes = new int[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            indexes[i] = schema.IndexOf(names[i]);
            if (indexes[i] < 0)
            {
                throw new QueryException(
                    $"processor {processor} reads the column '{names[i]}', which the dataset does not have; its columns are: {string.Join(", ", schema.Columns.Select(c => c.Name))}");
            }
        }

        return new UserColumns(names, indexes);
    }

    /// <summary>The ordinal of <paramref name="name"/> in <see cref="Names"/>.</summary>
    /// <exception cref="ArgumentException">The processor did not name this column.</exception>
    public int Ordinal(string name) =>
        _ordinals.TryGetValue(name, out var ordinal)
            ? ordinal
            : throw new ArgumentException($"the column '{name}' is not one of the processor's Columns ({string.Join(", ", Names)})", nameof(name));
}
