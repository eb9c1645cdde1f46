using OrleansProc.Client.Jobs;
using OrleansProc.Contracts.Jobs;

namespace OrleansProc.Client.Tests.Jobs;

public sealed class SubmitErrorsTests
{
    [Theory]
    [InlineData(SubmitErrorKind.None, 0)]
    [InlineData(SubmitErrorKind.BadQuery, 2)]
    [InlineData(SubmitErrorKind.UnknownDataset, 2)]
    [InlineData(SubmitErrorKind.BadRequest, 2)]
    public void ExitCode_Outcome_MapsToExitStatus(SubmitErrorKind kind, int expected)
    {
        var outcome = kind == SubmitErrorKind.None ? SubmitOutcome.Ok : SubmitOutcome.Rejected(kind, "why");

        Assert.Equal(expected, SubmitErrors.ExitCode(outcome));
    }

    [Fact]
    public void Describe_BadQueryWithPosition_ErrorLineThenQueryAndCaret()
    {
        const string Sql = "SELEC category FROM contract";

        var text = SubmitErrors.Describe(SubmitOutcome.Rejected(SubmitErrorKind.BadQuery, "syntax error at column 1: expected SELECT", 0), Sql);

        Assert.Equal("error: syntax error at column 1: expected SELECT\n  SELEC category FROM contract\n  ^\n", text);
    }

    [Fact]
    public void Describe_PositionOnASecondLine_ShowsThatLine()
    {
        const string Sql = "SELECT a\nFROM t WHERE b = = 1";

        var text = SubmitErrors.Describe(SubmitOutcome.Rejected(SubmitErrorKind.BadQuery, "unexpected '='", Sql.IndexOf("= 1", StringComparison.Ordinal)), Sql);

        Assert.Equal("error: unexpected '='\n  FROM t WHERE b = = 1\n                   ^\n", text);
    }

    [Fact]
    public void Describe_UnknownDataset_OneErrorLineOnly()
    {
        var text = SubmitErrors.Describe(SubmitOutcome.Rejected(SubmitErrorKind.UnknownDataset, "no dataset named 'x'\nat all"), "SELECT 1 FROM x");

        Assert.Equal("error: no dataset named 'x' at all\n", text);
    }

    [Theory]
    [InlineData("abc", 0, "abc", 0)]
    [InlineData("abc", 3, "abc", 3)]
    [InlineData("ab\ncd", 3, "cd", 0)]
    [InlineData("ab\r\ncd", 1, "ab", 1)]
    [InlineData("ab\ncd", 2, "ab", 2)]
    public void LineAt_Position_LineAndColumn(string text, int position, string line, int column)
    {
        Assert.Equal((line, column), SubmitErrors.LineAt(text, position));
    }
}
