using OrleansProc.Grains.Storage;

namespace OrleansProc.Grains.Tests.Storage;

public sealed class OutputBlocksTests
{
    [Fact]
    public void Id_ManyAttemptsAndBlocks_SameLengthDistinctAndNamesItsAttempt()
    {
        var ids = new Dictionary<string, int>();
        foreach (var attempt in new[] { 1, 2, 9, 10, 999_999 })
        {
            foreach (var block in new[] { 0, 1, 49_999 })
            {
                var id = OutputBlocks.Id(attempt, block);
                Assert.True(ids.TryAdd(id, attempt), $"duplicate id {id}");
                Assert.Equal(attempt, OutputBlocks.AttemptOf(id));
            }
        }

        Assert.Single(ids.Keys.Select(k => k.Length).Distinct());
    }

    [Fact]
    public void AttemptOf_ForeignId_MinusOne()
    {
        Assert.Equal(-1, OutputBlocks.AttemptOf("not base64!"));
        Assert.Equal(-1, OutputBlocks.AttemptOf(Convert.ToBase64String("block-0001"u8.ToArray())));
    }
}
