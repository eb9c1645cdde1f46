using System.Text;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.UserProcessors;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// The host's proxy of a processor that runs in worker processes (<c>--isolation process</c>): its description comes
/// from a worker, its partials live in a worker while a partition is scanned and are bytes in the host afterwards
/// (in the processor's own format, so they are the same partials the thread form writes), and the merge and finish run
/// in a worker too, so the processor's code never runs in the host.
/// </summary>
public sealed class IsolatedProcessor : IPartitionProcessor
{
    private readonly byte[] _specBytes;

    internal IsolatedProcessor(WorkerPool pool, ProcessorSpec spec, TableSchema schema, byte[] specBytes, WorkerDescription description)
    {
        Pool = pool;
        InputSchema = schema;
        _specBytes = specBytes;
        NeededColumns = description.NeededColumns;
        OutputColumns = description.OutputColumns;
        WritesOutputRows = description.WritesOutputRows;
        Name = description.Name ?? NameOf(spec);
        Key = spec.PackageFolder ?? spec.Kind.ToString();
    }

    /// <inheritdoc/>
    public TableSchema InputSchema { get; }

    /// <inheritdoc/>
    public IReadOnlyList<bool> NeededColumns { get; }

    /// <inheritdoc/>
    public IReadOnlyList<ColumnSchema> OutputColumns { get; }

    /// <inheritdoc/>
    public bool WritesOutputRows { get; }

    /// <summary>The processor's name in error messages.</summary>
    public string Name { get; }

    internal WorkerPool Pool { get; }

    /// <summary>The pool's affinity key: the package folder (a version), so its workers have the package loaded already.</summary>
    internal string Key { get; }

    /// <summary>The spec and schema as the worker protocol sends them.</summary>
    internal ReadOnlySpan<byte> SpecBytes => _specBytes;

    /// <inheritdoc/>
    public IPartial CreatePartial(Stream? output = null) => CreatePartial(output, -1, CancellationToken.None);

    /// <inheritdoc/>
    public IPartial CreatePartial(Stream? output, int partition, CancellationToken cancellationToken)
    {
        if (WritesOutputRows && output is null)
        {
            throw new ArgumentNullException(nameof(output), "a processor that writes output rows needs an output stream");
        }

        return new IsolatedPartial(this, output, partition, cancellationToken);
    }

    /// <inheritdoc/>
    public IPartial ReadPartial(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var bytes = new MemoryStream();
        source.CopyTo(bytes);
        return new IsolatedPartial(this, bytes.ToArray());
    }

    /// <inheritdoc/>
    public ResultTable Finish(IPartial merged)
    {
        var partial = Own(merged);
        var answer = Call(WorkerMessageKind.Finish, RequestWithBlocks(partial.Blocks()));
        using var reader = new BinaryReader(new MemoryStream(answer), Encoding.UTF8);
        return WorkerCodec.ReadTable(reader);
    }

    /// <summary>The processor's name: the user processor's name, its package folder's name, or the spec's kind.</summary>
    internal static string NameOf(ProcessorSpec spec) =>
        spec.ProcessorName
        ?? (spec.PackageFolder is { } folder ? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) : null)
        ?? spec.Kind.ToString().ToLowerInvariant();

    /// <summary>Merges partials' bytes into one partial's bytes in a worker (none: an empty partial).</summary>
    internal byte[] MergeBlocks(IReadOnlyList<byte[]> blocks) => Call(WorkerMessageKind.Merge, RequestWithBlocks(blocks));

    /// <summary>Sends one request on a leased worker and returns the answer's payload; the lease ends with the call.</summary>
    internal byte[] Call(WorkerMessageKind kind, ReadOnlySpan<byte> payload)
    {
        var worker = Pool.Rent(Key);
        WorkerFrame answer;
        try
        {
            answer = worker.Call(kind, payload);
        }
        catch (WorkerFaultException fault)
        {
            Pool.Return(worker, healthy: false);
            throw Failure(fault);
        }

        if (answer.Kind != WorkerMessageKind.Ok)
        {
            var (exception, healthy) = Failure(answer, kind == WorkerMessageKind.Describe);
            Pool.Return(worker, healthy);
            throw exception;
        }

        Pool.Return(worker, healthy: true);
        return answer.Payload;
    }

    /// <summary>The error of a worker that stopped answering.</summary>
    internal IsolatedProcessorException Failure(WorkerFaultException fault) =>
        new($"processor {Name} {fault.Message}", fault);

    /// <summary>
    /// The error of an error answer: a query error (a bad spec, an unknown column, too many groups) stays a
    /// <see cref="QueryException"/>; anything else names the processor and its exception. Only a failed Describe leaves
    /// the worker healthy (the spec did not compile; nothing of it ran).
    /// </summary>
    internal static (Exception Exception, bool Healthy) Failure(WorkerFrame answer, bool describing, string name)
    {
        var (type, message) = WorkerCodec.ReadError(answer.Payload);
        if (type == typeof(QueryException).FullName)
        {
            return (new QueryException(message), describing);
        }

        if (type == typeof(UserProcessorException).FullName)
        {
            return (new UserProcessorException(message), describing);
        }

        return (new IsolatedProcessorException($"processor {name} failed in a worker process: {type}: {message}"), describing);
    }

    private (Exception Exception, bool Healthy) Failure(WorkerFrame answer, bool describing) => Failure(answer, describing, Name);

    private byte[] RequestWithBlocks(IReadOnlyList<byte[]> blocks)
    {
        using var request = new MemoryStream();
        request.Write(_specBytes);
        using (var writer = new BinaryWriter(request, Encoding.UTF8, leaveOpen: true))
        {
            WorkerCodec.WriteBlocks(writer, blocks);
        }

        return request.ToArray();
    }

    private IsolatedPartial Own(IPartial partial) =>
        partial is IsolatedPartial own && (ReferenceEquals(own.Processor, this) || own.Processor.SpecBytes.SequenceEqual(SpecBytes))
            ? own
            : throw new ArgumentException("the partial belongs to another processor", nameof(partial));
}
