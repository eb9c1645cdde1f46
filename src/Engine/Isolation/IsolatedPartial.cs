using System.Buffers.Binary;
using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// A partial of an <see cref="IsolatedProcessor"/>. While its partition is scanned it lives in a leased worker: records
/// go over in batches (one batch in flight while the host reads the next), and the output rows the worker writes come
/// back with each answer. <see cref="Complete"/> takes the partial's bytes and ends the lease; from then on the partial
/// is a list of byte blocks (its own and those merged into it), merged in a worker when written or finished.
/// </summary>
internal sealed class IsolatedPartial : IPartial, IDisposable
{
    private const int BatchRows = 1024;
    private const int BatchBytes = 1 << 20;

    private readonly Stream? _output;
    private readonly List<byte[]> _blocks = [];
    private readonly int[] _neededIndices;
    private readonly int _partition;
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _cancellation;
    private WorkerProcess? _worker;
    private MemoryStream? _batch;
    private BinaryWriter? _batchWriter;
    private int _batchRows;
    private bool _completed;

    public IsolatedPartial(IsolatedProcessor processor, Stream? output, int partition, CancellationToken cancellationToken)
    {
        Processor = processor;
        _output = output;
        _partition = partition;
        _cancellationToken = cancellationToken;
        _neededIndices = Enumerable.Range(0, processor.NeededColumns.Count).Where(i => processor.NeededColumns[i]).ToArray();
    }

    public IsolatedPartial(IsolatedProcessor processor, byte[] bytes)
        : this(processor, output: null, -1, CancellationToken.None)
    {
        _blocks.Add(bytes);
        _completed = true;
    }

    public IsolatedProcessor Processor { get; }

    public void Accept(ReadOnlySpan<SqlValue> row)
    {
        if (_completed)
        {
            throw new InvalidOperationException("a completed partial takes no more records");
        }

        if (_batchWriter is null)
        {
            Open();
        }

        foreach (var index in _neededIndices)
        {
            SqlValueCodec.Write(_batchWriter!, row[index]);
        }

        if (++_batchRows >= BatchRows || _batch!.Length >= BatchBytes)
        {
            SendBatch();
        }
    }

    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        if (_worker is null)
        {
            return; // no record came: an empty partial, nothing to keep
        }

        if (_batchRows > 0)
        {
            SendBatch();
        }

        var worker = _worker;
        try
        {
            TakeAnswer();
            worker.Send(WorkerMessageKind.Complete, []);
            var answer = Answer(worker.Receive());
            using var reader = new BinaryReader(new MemoryStream(answer), Encoding.UTF8);
            var blocks = WorkerCodec.ReadBlocks(reader);
            _output?.Write(blocks[0]);
            _blocks.Add(blocks[1]);
        }
        catch (WorkerFaultException fault)
        {
            ReleaseFailed();
            _cancellationToken.ThrowIfCancellationRequested();
            throw Processor.Failure(fault);
        }

        _worker = null;
        _cancellation.Dispose();
        _batchWriter?.Dispose();
        _batch?.Dispose();
        Processor.Pool.Return(worker, healthy: true);
    }

    public void Merge(IPartial other)
    {
        if (other is not IsolatedPartial partial || !partial.Processor.SpecBytes.SequenceEqual(Processor.SpecBytes))
        {
            throw new ArgumentException("the partial belongs to another processor", nameof(other));
        }

        _blocks.AddRange(partial.Blocks());
    }

    public void WriteTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var blocks = Blocks();
        destination.Write(blocks.Count == 1 ? blocks[0] : Processor.MergeBlocks(blocks));
    }

    /// <summary>The partial's byte blocks, completing it first.</summary>
    public IReadOnlyList<byte[]> Blocks()
    {
        Complete();
        return _blocks;
    }

    private void Open()
    {
        _batch = new MemoryStream();
        _batchWriter = new BinaryWriter(_batch, Encoding.UTF8, leaveOpen: true);
        _batchWriter.Write(0); // the row count, filled in when sent
        _worker = Processor.Pool.Rent(Processor.Key, _cancellationToken);
        var worker = _worker;
        _cancellation = _cancellationToken.Register(() => worker.Stop("was cancelled; its worker process was stopped"));
        var open = new byte[Processor.SpecBytes.Length + sizeof(int)];
        Processor.SpecBytes.CopyTo(open);
        BinaryPrimitives.WriteInt32LittleEndian(open.AsSpan(Processor.SpecBytes.Length), _partition);
        try
        {
            _worker.Send(WorkerMessageKind.Open, open);
        }
        catch (WorkerFaultException fault)
        {
            ReleaseFailed();
            _cancellationToken.ThrowIfCancellationRequested();
            throw Processor.Failure(fault);
        }
    }

    private void SendBatch()
    {
        _batchWriter!.Flush();
        var bytes = _batch!.GetBuffer();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0, 4), _batchRows);
        try
        {
            TakeAnswer();
            _worker!.Send(WorkerMessageKind.Batch, bytes.AsSpan(0, (int)_batch.Length));
        }
        catch (WorkerFaultException fault)
        {
            ReleaseFailed();
            _cancellationToken.ThrowIfCancellationRequested();
            throw Processor.Failure(fault);
        }

        _batch.SetLength(4);
        _batch.Position = 4;
        _batchRows = 0;
    }

    /// <summary>Reads the answer to the request in flight, if any, and writes the output rows it carries.</summary>
    private void TakeAnswer()
    {
        if (_worker!.HasPending)
        {
            var rows = Answer(_worker.Receive()); // the output rows written meanwhile
            _output?.Write(rows);
        }
    }

    private byte[] Answer(WorkerFrame frame)
    {
        if (frame.Kind == WorkerMessageKind.Ok)
        {
            return frame.Payload;
        }

        var (exception, _) = IsolatedProcessor.Failure(frame, describing: false, Processor.Name);
        ReleaseFailed();
        throw exception;
    }

    /// <summary>Ends a lease still held (a partition abandoned before completion: its worker is stopped).</summary>
    public void Dispose()
    {
        ReleaseFailed();
        _batchWriter?.Dispose();
        _batch?.Dispose();
    }

    /// <summary>Ends the lease of a failed worker, if held: the worker is stopped.</summary>
    private void ReleaseFailed()
    {
        _cancellation.Dispose();
        if (_worker is { } worker)
        {
            _worker = null;
            _completed = true;
            Processor.Pool.Return(worker, healthy: false);
        }
    }
}
