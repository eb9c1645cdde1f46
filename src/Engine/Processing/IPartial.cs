namespace OrleansProc.Engine.Processing;

/// <summary>
/// What one partition produces: a mergeable state (aggregate states, word counts, kept rows). Partials of
/// the same processor merge in any order and any grouping to the same result.
/// </summary>
public interface IPartial : IRowSink
{
    /// <summary>Folds <paramref name="other"/> (a partial of the same processor) into this one.</summary>
    void Merge(IPartial other);

    /// <summary>Writes the partial in the processor's binary format; <see cref="IPartitionProcessor.ReadPartial"/> reads it back.</summary>
    void WriteTo(Stream destination);

    /// <summary>Flushes rows written to the output stream, if the processor writes output rows.</summary>
    void Complete();
}
