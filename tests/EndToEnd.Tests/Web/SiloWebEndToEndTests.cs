using System.Net;
using System.Text.Json;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests.Web;

/// <summary>The silo's web side over HTTP: health of a silo that joined the cluster with storage up.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SiloWebEndToEndTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Healthz_ActiveSiloWithStorage_Returns200WithHealthyChecks()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        for (var index = 0; index < ClusterFixture.SiloCount; index++)
        {
            using var response = await http.GetAsync(new Uri(cluster.PageOf(index), "/healthz"));
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"silo{index}: {(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("membership").GetProperty("status").GetString());
            Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
        }
    }
}
