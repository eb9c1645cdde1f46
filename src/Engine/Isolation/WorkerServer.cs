using System.Security.Cryptography;
using System.Text;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Isolation;

/// <summary>
/// The worker process's side of the protocol (OrleansProc.Worker): reads requests from the host, compiles specs with
/// the Engine's factory (a user processor in its thread form, inside this process), holds one live partial at a time,
/// and answers each request with <see cref="WorkerMessageKind.Ok"/> or <see cref="WorkerMessageKind.Error"/>. Serves
/// until the host closes the pipe.
/// </summary>
public sealed class WorkerServer
{
    private readonly ProcessorCache _processors;
    private IPartial? _livePartial;
    private DrainedOutputStream? _liveOutput;
    private SqlValue[] _row = [];
    private int[] _neededIndices = [];

    /// <summary>A server compiling specs with <paramref name="factory"/>.</summary>
    public WorkerServer(IProcessorFactory factory) => _processors = new ProcessorCache(factory, capacity: 16);

    /// <summary>Answers requests from <paramref name="input"/> on <paramref name="output"/> until <paramref name="input"/> ends.</summary>
    public void Serve(Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        WorkerFrames.Write(output, WorkerMessageKind.Ok, []); // ready: the host's request timeout starts with the first request
        while (WorkerFrames.Read(input) is { } request)
        {
            byte[] answer;
            var kind = WorkerMessageKind.Ok;
            try
            {
                answer = Handle(request);
            }
            catch (Exception e)
            {
                kind = WorkerMessageKind.Error;
                answer = WorkerCodec.Error(e);
                ClearLive();
            }

            WorkerFrames.Write(output, kind, answer);
        }
    }

    private byte[] Handle(WorkerFrame request)
    {
        using var reader = new BinaryReader(new MemoryStream(request.Payload, 0, request.Payload.Length, writable: false, publiclyVisible: true), Encoding.UTF8);
        using var answer = new MemoryStream();
        using (var writer = new BinaryWriter(answer, Encoding.UTF8, leaveOpen: true))
        {
            switch (request.Kind)
            {
                case WorkerMessageKind.Describe:
                    WorkerCodec.WriteDescription(writer, Compile(reader).Processor);
                    break;
                case WorkerMessageKind.Open:
                    Open(reader);
                    break;
                case WorkerMessageKind.Batch:
                    Accept(reader);
                    answer.Write(_liveOutput?.Drain() ?? []);
                    break;
                case WorkerMessageKind.Complete:
                    WorkerCodec.WriteBlocks(writer, CompleteLive());
                    break;
                case WorkerMessageKind.Merge:
                    MergeBlocks(reader).Merged.WriteTo(answer);
                    break;

                case WorkerMessageKind.Finish:
                    {
                        var (processor, merged) = MergeBlocks(reader);
                        WorkerCodec.WriteTable(writer, processor.Finish(merged));
                        break;
                    }

                default:
                    throw new InvalidDataException($"worker protocol: unknown request kind {(byte)request.Kind}");
            }
        }

        return answer.ToArray();
    }

    private (IPartitionProcessor Processor, TableSchema Schema) Compile(BinaryReader reader)
    {
        var start = reader.BaseStream.Position;
        var (spec, schema) = WorkerCodec.ReadSpec(reader);
        var length = (int)(reader.BaseStream.Position - start);
        var bytes = ((MemoryStream)reader.BaseStream).GetBuffer().AsSpan((int)start, length);
        var key = Convert.ToHexString(SHA256.HashData(bytes));
        return (_processors.GetOrCreate(key, spec with { Isolation = ProcessorIsolation.Thread }, schema), schema);
    }

    private void Open(BinaryReader reader)
    {
        ClearLive();
        var (processor, schema) = Compile(reader);
        var partition = reader.ReadInt32();
        _liveOutput = processor.WritesOutputRows ? new DrainedOutputStream() : null;
        _livePartial = processor.CreatePartial(_liveOutput, partition, CancellationToken.None);
        _row = new SqlValue[schema.Count];
        _neededIndices = Enumerable.Range(0, schema.Count).Where(i => processor.NeededColumns[i]).ToArray();
    }

    private void Accept(BinaryReader reader)
    {
        var partial = _livePartial ?? throw new InvalidOperationException("worker protocol: a batch without an open partial");
        var rows = reader.ReadInt32();
        for (var r = 0; r < rows; r++)
        {
            foreach (var index in _neededIndices)
            {
                _row[index] = SqlValueCodec.Read(reader);
            }

            partial.Accept(_row);
        }
    }

    private byte[][] CompleteLive()
    {
        var partial = _livePartial ?? throw new InvalidOperationException("worker protocol: a completion without an open partial");
        partial.Complete();
        var output = _liveOutput?.Drain() ?? [];
        using var bytes = new MemoryStream();
        partial.WriteTo(bytes);
        ClearLive();
        return [output, bytes.ToArray()];
    }

    private (IPartitionProcessor Processor, IPartial Merged) MergeBlocks(BinaryReader reader)
    {
        var (processor, _) = Compile(reader);
        var merged = processor.CreatePartial(processor.WritesOutputRows ? Stream.Null : null);
        foreach (var block in WorkerCodec.ReadBlocks(reader))
        {
            using var source = new MemoryStream(block, writable: false);
            merged.Merge(processor.ReadPartial(source));
        }

        return (processor, merged);
    }

    private void ClearLive()
    {
        _liveOutput?.Dispose();
        _liveOutput = null;
        _livePartial = null;
    }
}
