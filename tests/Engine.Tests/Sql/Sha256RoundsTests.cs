using System.Security.Cryptography;
using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Values;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class Sha256RoundsTests
{
    private static readonly TableSchema Schema = MakeSchema(("text", SqlType.Varchar), ("n", SqlType.BigInt));

    [Fact]
    public void Evaluate_OneRound_IsTheFipsTestVector()
    {
        var value = Scalar("SHA256_ROUNDS(text, 1)", Schema, [S("abc"), I(1)]);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", value.Text);
    }

    [Theory]
    [InlineData("héllo wörld", 2)]
    [InlineData("", 3)]
    [InlineData("a longer comment, with punctuation and 日本語", 200)]
    public void Evaluate_SeveralRounds_HashesTheDigestAgainEachRound(string text, int rounds)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        for (var i = 1; i < rounds; i++)
        {
            digest = SHA256.HashData(digest);
        }

        var value = Scalar($"SHA256_ROUNDS(text, {rounds})", Schema, [S(text), I(0)]);

        Assert.Equal(Convert.ToHexString(digest).ToLowerInvariant(), value.Text);
    }

    [Fact]
    public void Evaluate_Null_IsNull()
    {
        Assert.True(Scalar("SHA256_ROUNDS(text, 5)", Schema, [SqlValue.Null, I(0)]).IsNull);
    }

    [Fact]
    public void Finish_MinOfHashesPerGroup_MatchesHashingEachValue()
    {
        SqlValue[][] rows = [[S("a"), I(1)], [S("b"), I(1)], [S("c"), I(2)]];
        static string Hash2(string t) => Convert.ToHexString(SHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(t)))).ToLowerInvariant();

        var result = Run("SELECT n, MIN(SHA256_ROUNDS(text, 2)) FROM t GROUP BY n ORDER BY n", Schema, rows);

        Assert.Equal([I(1), S(string.CompareOrdinal(Hash2("a"), Hash2("b")) < 0 ? Hash2("a") : Hash2("b"))], result.Rows[0]);
        Assert.Equal([I(2), S(Hash2("c"))], result.Rows[1]);
    }

    [Theory]
    [InlineData("SHA256_ROUNDS(text)")]
    [InlineData("SHA256_ROUNDS(text, n)")]
    [InlineData("SHA256_ROUNDS(text, 0)")]
    [InlineData("SHA256_ROUNDS(text, 1000001)")]
    [InlineData("SHA256_ROUNDS(text, 2.5)")]
    [InlineData("SHA256_ROUNDS(n, 2)")]
    public void Bind_BadArguments_QueryError(string expression)
    {
        var error = Assert.Throws<QueryException>(() => Run($"SELECT {expression} FROM t", Schema, []));

        Assert.Contains("SHA256_ROUNDS", error.Message, StringComparison.Ordinal);
    }
}
