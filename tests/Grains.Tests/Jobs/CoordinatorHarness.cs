using OrleansProc.TestSupport;
using OrleansProc.Contracts.Jobs;
using OrleansProc.Contracts.Partitions;
using OrleansProc.Grains.Jobs;
using OrleansProc.Grains.Jobs.Coordination;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>A running job, its plan and a coordinator over them, on a manual clock; jitter fixed unless given.</summary>
public sealed class CoordinatorHarness
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public CoordinatorHarness(IReadOnlyList<IReadOnlyList<SliceSpec>> plan, JobOptions? options = null, Func<double>? random = null)
    {
        Plan = plan;
        Options = options ?? new JobOptions();
        Job = new JobRecord
        {
            Dataset = "d",
            State = JobState.Running,
            SubmittedAt = Start,
            Partitions = plan.Select(_ => new PartitionRecord()).ToList(),
        };
        Coordinator = new JobCoordinator(Job, Options, Time, random ?? (() => 0.5));
    }

    public ManualTimeProvider Time { get; } = new(Start);

    public JobOptions Options { get; }

    public JobRecord Job { get; }

    public IReadOnlyList<IReadOnlyList<SliceSpec>> Plan { get; }

    public JobCoordinator Coordinator { get; }

    /// <summary>A plan of whole blobs, one a partition.</summary>
    public static IReadOnlyList<IReadOnlyList<SliceSpec>> WholeBlobs(int partitions) =>
        Enumerable.Range(0, partitions).Select(i => (IReadOnlyList<SliceSpec>)[new SliceSpec { BlobName = $"b{i}" }]).ToList();

    /// <summary>A plan of one blob cut into ranges of 100 bytes, one a partition (the last to the end).</summary>
    public static IReadOnlyList<IReadOnlyList<SliceSpec>> CutBlob(int ranges) =>
        Enumerable.Range(0, ranges).Select(i => (IReadOnlyList<SliceSpec>)[new SliceSpec
        {
            BlobName = "cut",
            RangeStart = i * 100L,
            RangeEnd = i == ranges - 1 ? long.MaxValue : (i + 1) * 100L,
        }]).ToList();

    public IReadOnlyList<PartitionStart> StartPending() => Coordinator.StartPending(Plan);

    public ReportDecision Report(PartitionReport report) => Coordinator.OnReport(report, Plan);

    public static PartitionReport Success(int index, int attempt, long rows = 10, long? quotes = null) => new()
    {
        JobId = "job",
        Index = index,
        Attempt = attempt,
        Succeeded = true,
        Rows = rows,
        Bytes = rows * 10,
        Silo = "silo",
        SliceQuoteCounts = quotes is { } q ? [q] : [],
    };

    public static PartitionReport Failure(int index, int attempt, string error = "boom", bool permanent = false, bool storageUnreachable = false, long? quotes = null) => new()
    {
        JobId = "job",
        Index = index,
        Attempt = attempt,
        Error = error,
        Permanent = permanent,
        StorageUnreachable = storageUnreachable,
        SliceQuoteCounts = quotes is { } q ? [q] : [],
    };
}
