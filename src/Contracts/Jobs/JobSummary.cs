namespace OrleansProc.Contracts.Jobs;

/// <summary>One line of <c>job list</c>.</summary>
[GenerateSerializer]
[Alias("OrleansProc.JobSummary")]
public sealed record JobSummary
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public string Description { get; init; } = string.Empty;

    [Id(2)]
    public JobState State { get; init; }

    [Id(3)]
    public DateTimeOffset SubmittedAt { get; init; }

    [Id(4)]
    public DateTimeOffset? FinishedAt { get; init; }
}
