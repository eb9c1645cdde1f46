using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>
/// A user processor (OrleansProc.Sdk) run in this process, as the Engine's <see cref="IPartitionProcessor"/>: reads
/// only the columns the processor names, hands it batches of <see cref="BatchSize"/> records, and turns its results
/// into the Engine's: an aggregate's partials travel as the processor's own bytes and finish into a result table; a
/// map's rows go to the transform output (CSV or Parquet) like a SQL transform's. Holds a lease on its package:
/// disposing it lets the package unload.
/// </summary>
internal sealed class UserProcessor : IPartitionProcessor, IDisposable
{
    /// <summary>How many records a batch holds.</summary>
    public const int BatchSize = 1024;

    private readonly ProcessorPackage _package;

    private UserProcessor(ProcessorPackage package, ProcessorInfo info, Processor instance, TableSchema schema, ProcessorSpec spec)
    {
        _package = package;
        Name = info.Name;
        Instance = instance;
        InputSchema = schema;
        Columns = UserColumns.Map(info.Name, instance.Columns, schema);
        Arguments = ProcessorArgumentsText.Parse(spec.Arguments);
        var options = spec.Options();
        OutputFormat = options.OutputFormat;
        PreviewRows = options.PreviewRows;
        var needed = new bool[schema.Count];
        foreach (var index in Columns.SchemaIndexes)
        {
            needed[index] = true;
        }

        NeededColumns = needed;
        OutputColumns = [.. instance.ResultColumns.Select(c => new ColumnSchema(c.Name, ResultValues.SqlTypeOf(c.Type)))];
    }

    /// <summary>The processor's name.</summary>
    public string Name { get; }

    /// <summary>The processor's instance, shared by every partial of this job.</summary>
    public Processor Instance { get; }

    /// <summary>The columns the processor reads, mapped onto the dataset.</summary>
    public UserColumns Columns { get; }

    /// <summary>The job's arguments.</summary>
    public ProcessorArguments Arguments { get; }

    /// <summary>The file format a map writes: CSV or Parquet.</summary>
    public DataFormat OutputFormat { get; }

    /// <summary>How many of a map's rows the result shows.</summary>
    public int PreviewRows { get; }

    public TableSchema InputSchema { get; }

    public IReadOnlyList<bool> NeededColumns { get; }

    public IReadOnlyList<ColumnSchema> OutputColumns { get; }

    public bool WritesOutputRows => Instance.WritesOutputRows;

    /// <summary>Loads the package of <paramref name="spec"/> with <paramref name="loader"/> and binds its processor over <paramref name="schema"/>.</summary>
    /// <exception cref="QueryException">The package or processor cannot be found or loaded, or the processor names a column the dataset does not have.</exception>
    public static UserProcessor Create(ProcessorPackageLoader loader, ProcessorSpec spec, TableSchema schema)
    {
        if (string.IsNullOrEmpty(spec.PackageFolder))
        {
            throw new QueryException("a user processor's spec needs its package folder");
        }

        var package = loader.Acquire(spec.PackageFolder);
        try
        {
            var (info, instance) = package.Create(spec.ProcessorName);
            return new UserProcessor(package, info, instance, schema, spec);
        }
        catch (ArgumentException e)
        {
            package.Dispose();
            throw new QueryException(e.Message, e);
        }
        catch
        {
            package.Dispose();
            throw;
        }
    }

    public IPartial CreatePartial(Stream? output = null) => CreatePartial(output, -1, CancellationToken.None);

    public IPartial CreatePartial(Stream? output, int partition, CancellationToken cancellationToken)
    {
        var context = new ProcessorContext(Arguments, partition, cancellationToken);
        object state;
        try
        {
            state = Instance.CreatePartialState(context);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw UserProcessorException.Wrap(Name, partition, e);
        }

        if (!WritesOutputRows)
        {
            return new UserAggregatePartial(this, context, state);
        }

        ArgumentNullException.ThrowIfNull(output);
        return new UserMapPartial(this, context, state, output);
    }

    public IPartial ReadPartial(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var context = new ProcessorContext(Arguments, -1, CancellationToken.None);
        return WritesOutputRows ? UserMapPartial.Read(this, context, source) : UserAggregatePartial.Read(this, context, source);
    }

    public ResultTable Finish(IPartial merged)
    {
        ArgumentNullException.ThrowIfNull(merged);
        if (merged is not UserPartial partial || !ReferenceEquals(partial.Processor, this))
        {
            throw new ArgumentException("the partial was made by another processor", nameof(merged));
        }

        if (partial is UserMapPartial map)
        {
            return new ResultTable(OutputColumns, [.. map.Preview], map.RowCount);
        }

        var rows = new List<Values.SqlValue[]>();
        try
        {
            var context = partial.Context with { Partition = -1 };
            foreach (var row in Instance.FinishState(partial.State, context))
            {
                var values = new Values.SqlValue[OutputColumns.Count];
                ResultValues.Convert(row, Instance.ResultColumns, values);
                rows.Add(values);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw UserProcessorException.Wrap(Name, -1, e);
        }

        return new ResultTable(OutputColumns, rows, rows.Count);
    }

    /// <summary>Releases the package lease.</summary>
    public void Dispose() => _package.Dispose();
}
