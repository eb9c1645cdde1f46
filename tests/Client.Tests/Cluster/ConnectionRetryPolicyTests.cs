using OrleansProc.Client.Cluster;

namespace OrleansProc.Client.Tests.Cluster;

public sealed class ConnectionRetryPolicyTests
{
    [Fact]
    public async Task ShouldRetryConnectionAttempt_AfterMaxRetries_GivesUp()
    {
        var policy = new ConnectionRetryPolicy(maxRetries: 2, TimeSpan.Zero, TimeProvider.System);
        var failure = new InvalidOperationException("no gateway");

        Assert.True(await policy.ShouldRetryConnectionAttempt(failure, CancellationToken.None));
        Assert.True(await policy.ShouldRetryConnectionAttempt(failure, CancellationToken.None));
        Assert.False(await policy.ShouldRetryConnectionAttempt(failure, CancellationToken.None));
    }

    [Fact]
    public async Task ShouldRetryConnectionAttempt_Cancelled_GivesUp()
    {
        var policy = new ConnectionRetryPolicy(maxRetries: 5, TimeSpan.Zero, TimeProvider.System);

        Assert.False(await policy.ShouldRetryConnectionAttempt(new InvalidOperationException(), new CancellationToken(canceled: true)));
    }
}
