namespace OrleansProc.Security.Tests;

/// <summary>ORLEANSPROC_API_KEY and ORLEANSPROC_SILO_KEY: read, checked for length, compared.</summary>
public sealed class AccessSettingsTests
{
    private const string Storage = "UseDevelopmentStorage=true";

    [Fact]
    public void From_NoKeys_NoApiKeyRequiredAndASiloKeyDerivedPerCluster()
    {
        var one = AccessSettings.From(_ => null, Storage, "one");
        var two = AccessSettings.From(_ => null, Storage, "two");

        Assert.False(one.RequiresApiKey);
        Assert.False(one.IsApiKey("anything-at-all-0123"));
        Assert.True(one.IsSiloKey(AccessSettings.From(_ => null, Storage, "one").SiloKey));
        Assert.False(one.IsSiloKey(two.SiloKey));
        Assert.False(one.IsSiloKey(null));
    }

    [Fact]
    public void From_Keys_ApiKeyAndSiloKeyMatchOnlyThemselves()
    {
        var values = new Dictionary<string, string>
        {
            [AccessSettings.ApiKeyVariable] = "api-0123456789abcdef",
            [AccessSettings.SiloKeyVariable] = "silo-0123456789abcdef",
        };

        var settings = AccessSettings.From(values.GetValueOrDefault, Storage, "dev");

        Assert.True(settings.RequiresApiKey);
        Assert.True(settings.IsApiKey("api-0123456789abcdef"));
        Assert.False(settings.IsApiKey("api-0123456789abcdeF"));
        Assert.False(settings.IsApiKey("silo-0123456789abcdef"));
        Assert.True(settings.IsSiloKey("silo-0123456789abcdef"));
        Assert.False(settings.IsSiloKey("api-0123456789abcdef"));
    }

    [Theory]
    [InlineData(AccessSettings.ApiKeyVariable)]
    [InlineData(AccessSettings.SiloKeyVariable)]
    public void From_ShortKey_ErrorNamesTheVariableNotTheKey(string variable)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AccessSettings.From(name => name == variable ? "short-secret" : null, Storage, "dev"));

        Assert.Equal($"{variable} is 12 characters long; use at least 16 (e.g. openssl rand -hex 32)", error.Message);
    }
}
