using OrleansProc.Bench.Processors;

namespace OrleansProc.Bench.Tests.Processors;

public sealed class ProcessorAnswersTests
{
    [Fact]
    public void Difference_SameRowsInAnotherOrder_Null()
    {
        IReadOnlyList<IReadOnlyList<string?>> local = [["GET", "200", "5"], ["POST", "500", "2"], [null, null, "1"]];
        IReadOnlyList<IReadOnlyList<string?>> cluster = [[null, null, "1"], ["POST", "500", "2"], ["GET", "200", "5"]];

        Assert.Null(ProcessorAnswers.Difference(local, cluster));
    }

    [Fact]
    public void Difference_SumOfDoublesInAnotherOrder_Null()
    {
        var a = 0.1 + 0.2 + 0.3;
        var b = 0.3 + 0.2 + 0.1;
        Assert.NotEqual(a, b); // the order of a sum changes its last bit
        IReadOnlyList<IReadOnlyList<string?>> local = [["x", a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]];
        IReadOnlyList<IReadOnlyList<string?>> cluster = [["x", b.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]];

        Assert.Null(ProcessorAnswers.Difference(local, cluster));
    }

    [Fact]
    public void Difference_AnotherCount_SaysWhich()
    {
        IReadOnlyList<IReadOnlyList<string?>> local = [["a", "1"], ["b", "2"]];
        IReadOnlyList<IReadOnlyList<string?>> cluster = [["a", "1"]];

        Assert.Equal("1 rows instead of 2", ProcessorAnswers.Difference(local, cluster));
    }

    [Fact]
    public void Difference_AnotherValue_NamesTheRowAndColumn()
    {
        IReadOnlyList<IReadOnlyList<string?>> local = [["a", "1"], ["b", "2"]];
        IReadOnlyList<IReadOnlyList<string?>> cluster = [["b", "3"], ["a", "1"]];

        Assert.Equal("[b, 3] instead of [b, 2] (column 2)", ProcessorAnswers.Difference(local, cluster));
    }

    [Fact]
    public void Difference_NullAgainstValue_Differs()
    {
        IReadOnlyList<IReadOnlyList<string?>> local = [["a", null]];
        IReadOnlyList<IReadOnlyList<string?>> cluster = [["a", "0"]];

        Assert.Equal("[a, 0] instead of [a, NULL] (column 2)", ProcessorAnswers.Difference(local, cluster));
    }
}
