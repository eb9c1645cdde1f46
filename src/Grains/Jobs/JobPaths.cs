using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Grains.Jobs;

/// <summary>Where a job's artefacts live in the jobs container, and its output dataset.</summary>
public static class JobPaths
{
    /// <summary>The job's plan: every partition's slices, written once at submit (the job's state keeps only counters).</summary>
    public static string Plan(string jobId) => $"{jobId}/plan.json";

    /// <summary>The plan blob of a job's <paramref name="version"/>-th plan (0: the one made at submit; more after re-plans).</summary>
    public static string Plan(string jobId, int version) => version == 0 ? Plan(jobId) : $"{jobId}/plan-{version}.json";

    /// <summary>Every blob of the job (plans, partials, result) is under this prefix.</summary>
    public static string Prefix(string jobId) => $"{jobId}/";

    public static string PartialsPrefix(string jobId) => $"{jobId}/partials/";

    /// <summary>One blob per attempt, so a late attempt never overwrites the partial of the one that counts.</summary>
    public static string Partial(string jobId, int index, int attempt) => $"{jobId}/partials/{index:D6}-{attempt}.bin";

    public static string Result(string jobId) => $"{jobId}/result.json";

    /// <summary>The dataset a transform writes its rows to.</summary>
    public static string OutputDataset(string jobId) => $"{jobId}-out";

    /// <summary>The blob partition <paramref name="index"/> writes its rows to: <c>part-NNNNNN.csv</c> or <c>.parquet</c>.</summary>
    public static string OutputBlob(string outputDataset, int index, DataFormat format) => $"{outputDataset}/{OutputFiles.PartName(format, index)}";
}
