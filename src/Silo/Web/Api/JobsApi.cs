using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using OrleansProc.Contracts.Cluster;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Silo.Web.Api;

/// <summary>
/// The read-only JSON the jobs page polls: <c>GET /api/overview</c> (recent jobs and the silos) and
/// <c>GET /api/jobs/{id}</c> (one job, its partitions, its result once completed). 503 with the reason when the
/// cluster does not answer.
/// </summary>
public static class JobsApi
{
    /// <summary>Jobs the overview lists, newest first.</summary>
    public const int ListedJobs = 20;

    /// <summary>Result rows a job's view carries.</summary>
    public const int ResultRows = 100;

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/overview", GetOverviewAsync);
        api.MapGet("/jobs/{id}", GetJobAsync);
        return endpoints;
    }

    private static async Task<IResult> GetOverviewAsync(IGrainFactory grains, ILocalSiloDetails local, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var silos = grains.GetGrain<IClusterStatusGrain>(0).GetSilosAsync(cancellationToken);
            var listing = grains.GetGrain<IJobDirectoryGrain>("default").ListAsync(ListedJobs, cancellationToken);
            await Task.WhenAll(silos, listing);
            var summaries = await listing;
            var statuses = await Task.WhenAll(summaries.Select(s => grains.GetGrain<IJobGrain>(s.JobId).GetStatusAsync(cancellationToken)));
            var now = time.GetUtcNow();
            return Results.Json(new OverviewView
            {
                Jobs = summaries.Select((s, i) => statuses[i] is { } status ? ApiViews.Job(status, now) : ApiViews.Job(s, now)).ToList(),
                Silos = (await silos).Select(ApiViews.Silo).ToList(),
                ServedBy = local.Name,
                Now = now,
            });
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return Unavailable(exception);
        }
    }

    private static async Task<IResult> GetJobAsync(string id, IGrainFactory grains, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            var job = grains.GetGrain<IJobGrain>(id);
            if (await job.GetStatusAsync(cancellationToken) is not { } status)
            {
                return Results.Json(new { error = $"no job '{id}'" }, statusCode: StatusCodes.Status404NotFound);
            }

            var partitions = await job.GetPartitionsAsync(cancellationToken);
            var silos = await grains.GetGrain<IClusterStatusGrain>(0).GetSilosAsync(cancellationToken);
            var names = silos.ToDictionary(s => s.Address, s => s.Name, StringComparer.Ordinal);
            var result = status.State == JobState.Completed ? await job.GetResultAsync(cancellationToken) : null;
            var now = time.GetUtcNow();
            return Results.Json(new JobDetailView
            {
                Job = ApiViews.Job(status, now),
                Partitions = partitions.Select(p => ApiViews.Partition(p, names, now)).ToList(),
                Result = result is null ? null : ApiViews.Result(result, ResultRows),
            });
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            return Unavailable(exception);
        }
    }

    private static IResult Unavailable(Exception exception) =>
        Results.Json(new { error = $"the cluster did not answer: {exception.Message}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
}
