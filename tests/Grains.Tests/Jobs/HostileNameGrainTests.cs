using OrleansProc.Contracts.Datasets;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Grains.Tests.Jobs;

/// <summary>The grains check names themselves: a caller that skips the client's checks still cannot reach a blob path.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class HostileNameGrainTests(GrainClusterFixture fixture)
{
    public static TheoryData<string> HostileNames() => ["../datasets/x", "%2e%2e", "a/b", "bad\u0001name", "dot.", new string('n', 2_000)];

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task RegisterAsync_HostileDatasetName_RejectedWithoutTouchingStorage(string name)
    {
        var outcome = await fixture.Grains.GetGrain<IDatasetGrain>(name).RegisterAsync(new DatasetRegistration());

        Assert.Null(outcome.Dataset);
        Assert.StartsWith("invalid dataset name", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task SubmitAsync_HostileDatasetInFrom_Rejected(string name)
    {
        var outcome = await fixture.Grains.GetGrain<IJobGrain>($"hostile-{Guid.NewGuid():N}").SubmitAsync(new JobSpec { Kind = JobKind.WordCount, Dataset = name, Column = "c", Top = 3 });

        Assert.Equal(SubmitErrorKind.UnknownDataset, outcome.Error);
        Assert.StartsWith("invalid dataset name", outcome.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task SubmitAsync_HostileJobId_RejectedAndNothingStored(string id)
    {
        await fixture.CreateDatasetAsync("hostile_ok", "c\nx\n");

        var outcome = await fixture.Grains.GetGrain<IJobGrain>(id).SubmitAsync(new JobSpec { Sql = "SELECT COUNT(*) FROM hostile_ok" });

        Assert.Equal(SubmitErrorKind.BadRequest, outcome.Error);
        Assert.StartsWith("invalid job name", outcome.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Grains.GetGrain<IJobGrain>(id).GetStatusAsync());
    }

    [Theory]
    [InlineData(TestSiloConfigurator.MaxResultRows, true)]
    [InlineData(TestSiloConfigurator.MaxResultRows + 1, false)]
    public async Task SubmitAsync_GroupByResultRowsAgainstTheLimit_CompletesOrFailsNamingTheLimit(int groups, bool completes)
    {
        var csv = new System.Text.StringBuilder("k\n");
        for (var i = 0; i < groups; i++)
        {
            csv.Append('k').Append(i).Append('\n');
        }

        var name = $"groups{groups}";
        await fixture.CreateDatasetAsync(name, csv.ToString());

        var status = await fixture.RunAsync($"limit-{Guid.NewGuid():N}", new JobSpec { Sql = $"SELECT k, COUNT(*) AS n FROM {name} GROUP BY k" });

        if (completes)
        {
            Assert.True(status.State == JobState.Completed, status.Error);
            Assert.Equal(groups, (await fixture.Grains.GetGrain<IJobGrain>(status.JobId).GetResultAsync())!.Rows.Count);
        }
        else
        {
            Assert.Equal(JobState.Failed, status.State);
            Assert.Contains($"{groups:N0} rows, more than the limit of {TestSiloConfigurator.MaxResultRows:N0} (ORLEANSPROC_MAX_RESULT_ROWS)", status.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SubmitAsync_TransformWithJobIdTooLongForItsOutput_Rejected()
    {
        await fixture.CreateDatasetAsync("hostile_out", "c\nx\n");
        var id = new string('t', 99);

        var outcome = await fixture.Grains.GetGrain<IJobGrain>(id).SubmitAsync(new JobSpec { Sql = "SELECT c FROM hostile_out" });

        Assert.Equal(SubmitErrorKind.BadRequest, outcome.Error);
        Assert.Contains("output dataset", outcome.Message, StringComparison.Ordinal);
    }
}
