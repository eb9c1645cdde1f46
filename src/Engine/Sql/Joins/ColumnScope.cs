using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql.Syntax;

namespace OrleansProc.Engine.Sql.Joins;

/// <summary>
/// The tables a query's names resolve against, in query order (the FROM table, then each joined one), laid side by
/// side in one row: each table's columns start at its offset. A table is named by its alias, else by its dataset
/// name (or the file name of a path, without extensions). A bare column name must be in exactly one table; a dotted
/// name <c>q.c</c> is column c of table q, or, when q names no table, a column literally named <c>q.c</c> (the JSON
/// reader flattens nested objects into such names).
/// </summary>
internal sealed class ColumnScope
{
    private readonly List<Table> _tables;
    private readonly string _text;

    private ColumnScope(List<Table> tables, string text)
    {
        _tables = tables;
        _text = text;
        var columns = new List<ColumnSchema>();
        foreach (var table in tables)
        {
            columns.AddRange(table.Schema.Columns);
        }

        Combined = tables.Count == 1 ? tables[0].Schema : new TableSchema(columns);
    }

    /// <summary>Every table's columns, side by side in query order.</summary>
    public TableSchema Combined { get; }

    /// <summary>How many tables.</summary>
    public int Count => _tables.Count;

    /// <summary>The scope of a query over one table.</summary>
    public static ColumnScope Single(SqlQuery query, TableSchema schema) =>
        new([new Table(ReferenceName(query.From, query.FromIsPath, query.FromAlias, 0), 0, schema)], query.Text);

    /// <summary>The scope of the FROM table and the joined tables; <paramref name="schemas"/> holds their schemas in query order.</summary>
    /// <exception cref="QueryException">Two tables have the same name or alias.</exception>
    public static ColumnScope ForJoin(SqlQuery query, IReadOnlyList<TableSchema> schemas)
    {
        var tables = new List<Table>(schemas.Count);
        var offset = 0;
        for (var i = 0; i < schemas.Count; i++)
        {
            var (source, isPath, alias, position) = i == 0
                ? (query.From, query.FromIsPath, query.FromAlias, query.FromPosition)
                : (query.Joins[i - 1].Source, query.Joins[i - 1].SourceIsPath, query.Joins[i - 1].Alias, query.Joins[i - 1].SourcePosition);
            var name = ReferenceName(source, isPath, alias, i);
            if (tables.Exists(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new QueryException(
                    $"binder error at {SourceLocation.Describe(query.Text, position)}: the table name '{SourceLocation.Quote(name)}' is used twice; give one of them an alias (JOIN {SourceLocation.Quote(source)} AS x)",
                    position);
            }

            tables.Add(new Table(name, offset, schemas[i]));
            offset += schemas[i].Count;
        }

        return new ColumnScope(tables, query.Text);
    }

    /// <summary>Where table <paramref name="index"/>'s columns start in the combined row.</summary>
    public int Offset(int index) => _tables[index].Offset;

    /// <summary>The schema of table <paramref name="index"/>.</summary>
    public TableSchema Schema(int index) => _tables[index].Schema;

    /// <summary>The name table <paramref name="index"/> is referred to by.</summary>
    public string Name(int index) => _tables[index].Name;

    /// <summary>The table that holds combined column <paramref name="ordinal"/>.</summary>
    public int TableOf(int ordinal)
    {
        for (var i = _tables.Count - 1; i > 0; i--)
        {
            if (ordinal >= _tables[i].Offset)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>
    /// The combined ordinal of <paramref name="column"/>, or -1 when a bare name is in no table (it may still be an
    /// output alias).
    /// </summary>
    /// <exception cref="QueryException">A bare name is in more than one table, or a dotted name resolves to nothing.</exception>
    public int Find(ColumnExpr column)
    {
        if (column.Qualifier is not { } qualifier)
        {
            return FindBare(column.Name, column);
        }

        var table = _tables.FindIndex(t => string.Equals(t.Name, qualifier, StringComparison.OrdinalIgnoreCase));
        if (table >= 0)
        {
            var ordinal = _tables[table].Schema.IndexOf(column.Name);
            if (ordinal < 0)
            {
                throw Error(
                    column,
                    $"table '{SourceLocation.Quote(_tables[table].Name)}' has no column '{SourceLocation.Quote(column.Name)}'; its columns are: {SourceLocation.List(Names(_tables[table].Schema))}");
            }

            return _tables[table].Offset + ordinal;
        }

        var literal = FindBare(column.DottedName, column);
        if (literal < 0)
        {
            var tables = _tables.ConvertAll(t => t.Name);
            throw Error(
                column,
                $"unknown column '{SourceLocation.Quote(column.DottedName)}': '{SourceLocation.Quote(qualifier)}' is not a table name or alias (tables: {SourceLocation.List(tables)}) and no column is named '{SourceLocation.Quote(column.DottedName)}'; columns are: {SourceLocation.List(Names(Combined))}");
        }

        return literal;
    }

    /// <summary>The error for a bare name found nowhere.</summary>
    public QueryException Unknown(ColumnExpr column) => new(
        $"unknown column '{SourceLocation.Quote(column.DottedName)}' at {SourceLocation.Describe(_text, column.Start)}; columns are: {SourceLocation.List(Names(Combined))}",
        column.Start);

    /// <summary>The columns <c>SELECT *</c> stands for, in query order, each with its output name.</summary>
    public IEnumerable<(ColumnExpr Expression, string Name)> Star(int start, int end)
    {
        foreach (var table in _tables)
        {
            foreach (var column in table.Schema.Columns)
            {
                var qualifier = _tables.Count == 1 ? null : table.Name;
                yield return (new ColumnExpr(qualifier, column.Name, quoted: true, start, end), column.Name);
            }
        }
    }

    private int FindBare(string name, ColumnExpr column)
    {
        var found = -1;
        var foundIn = -1;
        for (var t = 0; t < _tables.Count; t++)
        {
            var ordinal = _tables[t].Schema.IndexOf(name);
            if (ordinal < 0)
            {
                continue;
            }

            if (found >= 0)
            {
                throw Error(
                    column,
                    $"column '{SourceLocation.Quote(name)}' is ambiguous: it is in tables '{SourceLocation.Quote(_tables[foundIn].Name)}' and '{SourceLocation.Quote(_tables[t].Name)}'; qualify it ({SourceLocation.Quote(_tables[foundIn].Name)}.{SourceLocation.Quote(name)})");
            }

            found = _tables[t].Offset + ordinal;
            foundIn = t;
        }

        return found;
    }

    private QueryException Error(ColumnExpr column, string why) =>
        new($"binder error at {SourceLocation.Describe(_text, column.Start)}: {why}", column.Start);

    private static List<string> Names(TableSchema schema) => schema.Columns.Select(c => c.Name).ToList();

    /// <summary>The alias; else a dataset's name; else a path's file name without extensions; a glob with no alias gets a name no query can write.</summary>
    private static string ReferenceName(string source, bool isPath, string? alias, int index)
    {
        if (alias is not null)
        {
            return alias;
        }

        if (!isPath)
        {
            return source;
        }

        var file = Path.GetFileName(source.TrimEnd('/', '\\'));
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        var stem = dot > 0 ? file[..dot] : file;
        return stem.Length == 0 || stem.AsSpan().IndexOfAny('*', '?') >= 0 ? $"#{index}" : stem;
    }

    private sealed record Table(string Name, int Offset, TableSchema Schema);
}
