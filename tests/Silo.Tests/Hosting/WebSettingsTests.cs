using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using OrleansProc.Silo.Hosting;

namespace OrleansProc.Silo.Tests.Hosting;

public sealed class WebSettingsTests
{
    [Fact]
    public void From_NothingSet_ListensOnLoopback8080()
    {
        var settings = WebSettings.From(new ConfigurationBuilder().Build());

        Assert.Equal(IPAddress.Loopback, settings.Host);
        Assert.Equal(8080, settings.Port);
        Assert.Equal(new Uri("http://127.0.0.1:8080/"), settings.PageAddress);
        Assert.True(settings.Dashboard);
    }

    [Theory]
    [InlineData("off", false)]
    [InlineData("0", false)]
    [InlineData("False", false)]
    [InlineData("on", true)]
    [InlineData("TRUE", true)]
    public void From_DashboardSet_FollowsIt(string value, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [WebSettings.DashboardVariable] = value }).Build();

        Assert.Equal(expected, WebSettings.From(configuration).Dashboard);
    }

    [Fact]
    public void From_AppSettingsThenEnvironment_EnvironmentWins()
    {
        var json = """{ "ORLEANSPROC_WEB_HOST": "0.0.0.0", "ORLEANSPROC_WEB_PORT": "9001" }""";
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(file)
            .AddInMemoryCollection(new Dictionary<string, string?> { [WebSettings.PortVariable] = "9002" })
            .Build();

        var settings = WebSettings.From(configuration);

        Assert.Equal(IPAddress.Any, settings.Host);
        Assert.Equal(9002, settings.Port);
        Assert.Equal(new Uri("http://127.0.0.1:9002/"), settings.PageAddress);
    }

    [Theory]
    [InlineData("ORLEANSPROC_WEB_PORT", "eighty")]
    [InlineData("ORLEANSPROC_WEB_PORT", "70000")]
    [InlineData("ORLEANSPROC_WEB_HOST", "not-an-address")]
    [InlineData("ORLEANSPROC_DASHBOARD", "sometimes")]
    public void From_BadValue_FailsNamingTheSetting(string name, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [name] = value }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => WebSettings.From(configuration));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }
}
