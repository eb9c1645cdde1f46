using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Sdk;

namespace OrleansProc.Engine.UserProcessors;

/// <summary>The partial of a user aggregate: the processor's own partial, written with its WriteState (length-prefixed).</summary>
internal sealed class UserAggregatePartial(UserProcessor processor, ProcessorContext context, object state)
    : UserPartial(processor, context, state)
{
    public override void Merge(IPartial other)
    {
        var source = Own<UserAggregatePartial>(other);
        Guard(() => Processor.Instance.MergeState(State, source.State), -1);
    }

    public override void WriteTo(Stream destination)
    {
        using var buffer = new MemoryStream();
        Guard(() => Processor.Instance.WriteState(State, buffer), Context.Partition);
        using var writer = new BinaryWriter(destination, Encoding.UTF8, leaveOpen: true);
        PartialFormat.WriteHeader(writer, UserPartialFormat.AggregateKind);
        writer.Write7BitEncodedInt64(buffer.Length);
        writer.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    protected override void BatchDone()
    {
    }

    protected override void Completed()
    {
    }

    /// <summary>Reads a partial written by <see cref="WriteTo"/>.</summary>
    public static UserAggregatePartial Read(UserProcessor processor, ProcessorContext context, Stream source)
    {
        using var reader = new BinaryReader(source, Encoding.UTF8, leaveOpen: true);
        PartialFormat.ReadHeader(reader, UserPartialFormat.AggregateKind);
        var length = reader.Read7BitEncodedInt64();
        if (length is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"the partial's state length {length} is out of range");
        }

        var bytes = reader.ReadBytes((int)length);
        if (bytes.Length != length)
        {
            throw new InvalidDataException($"the partial ends after {bytes.Length} of its {length} state bytes");
        }

        object? state = null;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            state = processor.Instance.ReadState(stream);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw UserProcessorException.Wrap(processor.Name, -1, e);
        }

        return new UserAggregatePartial(processor, context, state);
    }
}
