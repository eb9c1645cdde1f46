using Orleans.Runtime;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Jobs;

/// <summary>Keeps the last <see cref="JobDirectory.MaxJobs"/> jobs for <c>job list</c>.</summary>
public sealed class JobDirectoryGrain([PersistentState("jobs", "state")] IPersistentState<JobDirectory> state) : Grain, IJobDirectoryGrain
{
    public async Task RecordAsync(JobSummary summary, CancellationToken cancellationToken = default)
    {
        var jobs = state.State.Jobs;
        var index = jobs.FindIndex(j => j.JobId == summary.JobId);
        if (index >= 0)
        {
            jobs[index] = summary;
        }
        else
        {
            jobs.Insert(0, summary);
            if (jobs.Count > JobDirectory.MaxJobs)
            {
                jobs.RemoveRange(JobDirectory.MaxJobs, jobs.Count - JobDirectory.MaxJobs);
            }
        }

        await state.WriteStateAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string jobId, CancellationToken cancellationToken = default)
    {
        if (state.State.Jobs.RemoveAll(j => j.JobId == jobId) == 0)
        {
            return false;
        }

        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<JobSummary>> ListAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JobSummary>>(state.State.Jobs.Take(Math.Max(0, max)).ToList());
}
