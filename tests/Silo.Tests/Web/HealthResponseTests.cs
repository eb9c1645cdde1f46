using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansProc.Silo.Web;

namespace OrleansProc.Silo.Tests.Web;

public sealed class HealthResponseTests
{
    [Fact]
    public void ToJson_OneCheckUnhealthy_OverallUnhealthyWithEachReason()
    {
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["membership"] = new(HealthStatus.Healthy, "silo0 is Active", TimeSpan.Zero, null, null),
                ["storage"] = new(HealthStatus.Unhealthy, "blob storage did not answer in time", TimeSpan.Zero, null, null),
            },
            TimeSpan.FromMilliseconds(5));

        using var json = JsonDocument.Parse(HealthResponse.ToJson(report));

        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("membership").GetProperty("status").GetString());
        Assert.Equal("silo0 is Active", checks.GetProperty("membership").GetProperty("description").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal("blob storage did not answer in time", checks.GetProperty("storage").GetProperty("description").GetString());
    }

    [Fact]
    public void ToJson_CheckThrew_DescriptionIsTheExceptionMessage()
    {
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["storage"] = new(HealthStatus.Unhealthy, null, TimeSpan.Zero, new InvalidOperationException("boom"), null),
            },
            TimeSpan.Zero);

        using var json = JsonDocument.Parse(HealthResponse.ToJson(report));

        Assert.Equal("boom", json.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString());
    }
}
