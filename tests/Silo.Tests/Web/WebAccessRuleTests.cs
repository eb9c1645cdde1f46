using System.Net;
using OrleansProc.Security;
using OrleansProc.Silo.Web;

namespace OrleansProc.Silo.Tests.Web;

public sealed class WebAccessRuleTests
{
    private const string Key = "web-key-0123456789abcdef";
    private static readonly AccessSettings s_keyed = AccessSettings.From(name => name == AccessSettings.ApiKeyVariable ? Key : null, "UseDevelopmentStorage=true", "dev");
    private static readonly AccessSettings s_open = AccessSettings.From(_ => null, "UseDevelopmentStorage=true", "dev");
    private static readonly IPAddress s_remote = IPAddress.Parse("10.1.2.3");

    [Theory]
    [InlineData("/")]
    [InlineData("/api/overview")]
    [InlineData("/dashboard/index.html")]
    public void Decide_KeySetNoToken_Unauthorized(string path)
    {
        Assert.Equal(WebAccessOutcome.Unauthorized, WebAccessRule.Decide(s_keyed, path, null, null, null, IPAddress.Loopback));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public void Decide_ProbePaths_OpenWithoutToken(string path)
    {
        Assert.Equal(WebAccessOutcome.Allow, WebAccessRule.Decide(s_keyed, path, null, null, null, s_remote));
        Assert.Equal(WebAccessOutcome.Allow, WebAccessRule.Decide(s_open, path, null, null, null, s_remote));
    }

    [Fact]
    public void Decide_BearerOrCookieWithTheKey_AllowedFromAnyHost()
    {
        Assert.Equal(WebAccessOutcome.Allow, WebAccessRule.Decide(s_keyed, "/api/overview", $"Bearer {Key}", null, null, s_remote));
        Assert.Equal(WebAccessOutcome.Allow, WebAccessRule.Decide(s_keyed, "/api/overview", null, Key, null, s_remote));
        Assert.Equal(WebAccessOutcome.Unauthorized, WebAccessRule.Decide(s_keyed, "/api/overview", "Bearer not-the-key-0123456789", null, null, s_remote));
        Assert.Equal(WebAccessOutcome.Unauthorized, WebAccessRule.Decide(s_keyed, "/api/overview", $"Basic {Key}", "wrong", null, s_remote));
    }

    [Fact]
    public void Decide_LoginQuery_LogInWithTheKeyUnauthorizedWithAnother()
    {
        Assert.Equal(WebAccessOutcome.LogIn, WebAccessRule.Decide(s_keyed, "/", null, null, Key, s_remote));
        Assert.Equal(WebAccessOutcome.Unauthorized, WebAccessRule.Decide(s_keyed, "/", null, Key, "wrong-0123456789abcdef", s_remote));
    }

    [Fact]
    public void Decide_NoKeySet_LoopbackOnly()
    {
        Assert.Equal(WebAccessOutcome.Allow, WebAccessRule.Decide(s_open, "/", null, null, null, IPAddress.Loopback));
        Assert.Equal(WebAccessOutcome.Allow, WebAccessRule.Decide(s_open, "/dashboard", null, null, null, IPAddress.IPv6Loopback));
        Assert.Equal(WebAccessOutcome.LoopbackOnly, WebAccessRule.Decide(s_open, "/", null, null, null, s_remote));
        Assert.Equal(WebAccessOutcome.LoopbackOnly, WebAccessRule.Decide(s_open, "/api/overview", $"Bearer {Key}", null, null, null));
    }
}
