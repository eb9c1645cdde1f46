using OrleansProc.Contracts.Jobs;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Jobs;

/// <summary>
/// A job's merged result, computed from its partials but not stored yet (see <see cref="JobMerger.MergeAsync"/>):
/// what is left to write is a transform's output (its blocks committed, its manifest) and a result too large for the
/// job's state; a merge with neither ends the job with one write of its state.
/// </summary>
/// <param name="Result">The finished result.</param>
/// <param name="Columns">The result's columns, typed (a transform's output manifest).</param>
/// <param name="OutputFormat">The format a transform's output blobs are written in.</param>
/// <param name="Json">The result as stored (the result blob's content).</param>
public sealed record JobMerge(JobResult Result, IReadOnlyList<ColumnSchema> Columns, DataFormat OutputFormat, BinaryData Json)
{
    /// <summary>The result is small enough (<see cref="InlineLimits.MaxResultBytes"/>) to be kept in the job's state.</summary>
    public bool FitsState => Json.ToMemory().Length <= InlineLimits.MaxResultBytes;

    /// <summary>
    /// Something is written besides the job's state (a transform's output, the result blob): only an activation that
    /// stored its state since it last acted may do that (see <see cref="JobStateWrites.WriteFencedAsync"/>).
    /// </summary>
    public bool WritesBesideTheState => Result.OutputDataset is not null || !FitsState;
}
