using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class DateFunctionsTests
{
    private static readonly TableSchema Types = MakeSchema(("d", SqlType.Date), ("ts", SqlType.Timestamp), ("s", SqlType.Varchar), ("n", SqlType.BigInt));

    private static readonly SqlValue[] Row = [Day(2024, 2, 29), SqlValue.FromTimestamp(1_709_294_400_000_000), S("2024-01-02"), I(3)];

    private static readonly SqlValue[] NullRow = [N, N, N, N];

    private static SqlValue Day(int year, int month, int day) => SqlValue.FromDate(DateParser.FromCivil(year, month, day));

    private static string? Text(string expression) => Scalar(expression, Types, Row).ToInvariantString();

    private static QueryException Fails(string expression) => Assert.Throws<QueryException>(() => Scalar(expression, Types, Row));

    [Theory]
    [InlineData("d", "2024-02-29")]
    [InlineData("ts", "2024-03-01 12:00:00")]
    [InlineData("d + n", "2024-03-03")]
    [InlineData("n + d", "2024-03-03")]
    [InlineData("d - n", "2024-02-26")]
    [InlineData("d - DATE '2024-01-01'", "59")]
    [InlineData("d + INTERVAL 1 YEAR", "2025-02-28 00:00:00")]
    [InlineData("d + INTERVAL '1 month'", "2024-03-29 00:00:00")]
    [InlineData("DATE '2024-01-31' + INTERVAL 1 MONTH", "2024-02-29 00:00:00")]
    [InlineData("DATE '2023-01-31' + INTERVAL 1 MONTH", "2023-02-28 00:00:00")]
    [InlineData("DATE '2024-03-31' - INTERVAL '1 month'", "2024-02-29 00:00:00")]
    [InlineData("ts - INTERVAL '12 hours 30 minutes'", "2024-02-29 23:30:00")]
    [InlineData("ts + INTERVAL -2 DAYS", "2024-02-28 12:00:00")]
    [InlineData("DATE_TRUNC('month', d)", "2024-02-01 00:00:00")]
    [InlineData("DATE_TRUNC('week', ts)", "2024-02-26 00:00:00")]
    [InlineData("DATE_TRUNC(NULL, ts)", null)]
    [InlineData("EXTRACT(doy FROM d)", "60")]
    [InlineData("EXTRACT(epoch FROM ts)", "1709294400")]
    [InlineData("DATE_PART('dow', d)", "4")]
    [InlineData("YEAR(d) * 100 + MONTH(d)", "202402")]
    [InlineData("HOUR(ts)", "12")]
    [InlineData("DATE_DIFF('month', DATE '2024-01-31', d)", "1")]
    [InlineData("DATEDIFF('day', d, ts)", "1")]
    [InlineData("STRFTIME(d, '%d/%m/%Y %A')", "29/02/2024 Thursday")]
    [InlineData("STRFTIME(ts, '%I:%M %p, %B %-d')", "12:00 PM, March 1")]
    [InlineData("CAST(s AS DATE)", "2024-01-02")]
    [InlineData("CAST('2024-01-02 23:59:59' AS DATE)", "2024-01-02")]
    [InlineData("CAST(d AS TIMESTAMP)", "2024-02-29 00:00:00")]
    [InlineData("TIMESTAMP '2024-01-02 03:04:05.5'", "2024-01-02 03:04:05.5")]
    [InlineData("CAST(TIMESTAMP '2024-01-02 03:04:05.120' AS VARCHAR)", "2024-01-02 03:04:05.12")]
    [InlineData("d < ts", "true")]
    [InlineData("d = '2024-02-29'", "true")]
    [InlineData("d > s", "true")]
    [InlineData("d < '2024-02-29 10:00'", "false")]
    [InlineData("ts < '2024-03-01 12:00:00.000001'", "true")]
    [InlineData("d IN ('2024-02-28', '2024-02-29')", "true")]
    [InlineData("d BETWEEN '2024-02-01' AND '2024-02-28'", "false")]
    [InlineData("d IN (ts, DATE '2024-02-29')", "true")]
    [InlineData("DATE '2024-03-01' IN (ts)", "false")]
    [InlineData("d IN (s, '2024-02-29')", "true")]
    [InlineData("CAST(s AS DATE) IN (d)", "false")]
    public void Evaluate_DateExpressions_Value(string expression, string? expected)
    {
        Assert.Equal(expected, Text(expression));
    }

    [Theory]
    [InlineData("d + 1", SqlType.Date)]
    [InlineData("d - d", SqlType.BigInt)]
    [InlineData("d + INTERVAL 1 DAY", SqlType.Timestamp)]
    [InlineData("DATE_TRUNC('day', d)", SqlType.Timestamp)]
    [InlineData("EXTRACT(year FROM d)", SqlType.BigInt)]
    [InlineData("EPOCH(d)", SqlType.Double)]
    [InlineData("STRFTIME(d, '%Y')", SqlType.Varchar)]
    [InlineData("DATE_DIFF('day', d, ts)", SqlType.BigInt)]
    public void Bind_DateExpressions_HaveDuckDbTypes(string expression, SqlType expected)
    {
        var processor = SqlProcessor.Create($"SELECT {expression} FROM t", Types);

        Assert.Equal(expected, processor.OutputColumns[0].Type);
    }

    [Theory]
    [InlineData("d + 1")]
    [InlineData("d - d")]
    [InlineData("d + INTERVAL 1 DAY")]
    [InlineData("YEAR(d)")]
    [InlineData("DATE_TRUNC('month', ts)")]
    [InlineData("DATE_DIFF('day', d, ts)")]
    [InlineData("STRFTIME(ts, '%Y')")]
    [InlineData("CAST(s AS DATE)")]
    public void Evaluate_NullOperands_Null(string expression)
    {
        Assert.True(Scalar(expression, Types, NullRow).IsNull);
    }

    [Theory]
    [InlineData("d < 'garbage'", "conversion error at line 1, column 12: could not convert 'garbage' to DATE")]
    [InlineData("ts >= '2024-13-01'", "conversion error at line 1, column 14")]
    [InlineData("DATE '2024-02-30'", "could not convert VARCHAR '2024-02-30' to DATE")]
    [InlineData("STRFTIME(d, '%Q')", "unknown format code '%Q'")]
    [InlineData("STRFTIME(d, '%Y%')", "lone '%'")]
    [InlineData("STRFTIME(d, s)", "needs a constant VARCHAR format")]
    [InlineData("DATE_PART('fortnight', d)", "unknown date part 'fortnight'")]
    [InlineData("DATE_TRUNC('dow', d)", "cannot truncate to 'dow'")]
    [InlineData("EXTRACT(fortnight FROM d)", "syntax error at line 1, column 16: expected a date part")]
    [InlineData("d + INTERVAL '1 fortnight'", "unknown unit 'fortnight'")]
    [InlineData("d + INTERVAL 2", "expected a unit such as DAY")]
    [InlineData("ts - ts", "makes an INTERVAL, which is not supported")]
    [InlineData("d + 1.5", "operator + does not take DATE and DOUBLE")]
    [InlineData("d * 2", "operator * does not take DATE and BIGINT")]
    [InlineData("INTERVAL '1 day'", "an INTERVAL can only be added")]
    [InlineData("INTERVAL '1 day' - d", "an INTERVAL can only be added")]
    [InlineData("YEAR(s)", "YEAR needs a DATE or TIMESTAMP, got VARCHAR")]
    [InlineData("YEAR(d, ts)", "YEAR takes 1 argument")]
    [InlineData("DATE '9999-12-31' + INTERVAL 1 DAY", "out of range error")]
    [InlineData("d + 9999999", "out of range error")]
    [InlineData("TIMESTAMP '0001-01-01 00:00:00+01:00'", "could not convert VARCHAR '0001-01-01 00:00:00+01:00' to TIMESTAMP")]
    [InlineData("d = n", "cannot compare DATE and BIGINT")]
    [InlineData("s IN (d)", "IN compares VARCHAR with DATE; cast the left side")]
    [InlineData("'2024-02-29' IN (d, ts)", "IN compares VARCHAR with DATE")]
    public void Bind_BadDateExpressions_ThrowQueryExceptionWithPlace(string expression, string expected)
    {
        var e = Fails(expression);

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, column", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_TextColumnThatIsNoDate_ThrowsConversionErrorAtRunTime()
    {
        var e = Assert.Throws<QueryException>(() => Scalar("d = s", Types, [Day(2024, 1, 2), N, S("soon"), N]));

        Assert.Contains("could not convert VARCHAR 'soon' to DATE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GroupByDateTruncWithRoundTrippedPartials_CountsPerMonth()
    {
        var rows = new[]
        {
            new[] { Day(2024, 1, 31), SqlValue.FromTimestamp(0), N, I(1) },
            [Day(2024, 2, 1), N, N, I(2)],
            [Day(2024, 2, 29), N, N, I(3)],
            [N, N, N, I(4)],
        };

        var result = Run("SELECT DATE_TRUNC('month', d) AS m, COUNT(*) AS n, MAX(d) AS last FROM t GROUP BY m ORDER BY m", Types, rows);

        Assert.Equal(
            ["2024-01-01 00:00:00|1|2024-01-31", "2024-02-01 00:00:00|2|2024-02-29", "|1|"],
            result.TextRows().Select(r => string.Join('|', r)));
    }

    [Theory]
    [InlineData("SELECT COUNT(*), MIN(d), MAX(d) FROM t WHERE d >= '2024-01-01' AND ts < DATE '2024-03-01'")]
    [InlineData("SELECT MAX(ts) FROM t WHERE '2024-02-01' < d AND d <= DATE '2024-02-29'")]
    public void BatchPlan_DateFiltersAgainstLiterals_UseTheBatchPath(string sql)
    {
        var processor = (AggregateQueryProcessor)SqlProcessor.Create(sql, Types);

        Assert.NotNull(processor.BatchPlan);
    }

    [Fact]
    public void Codec_DateValue_RoundTrips()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            SqlValueCodec.Write(writer, Day(1969, 12, 31));
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);

        Assert.Equal(Day(1969, 12, 31), SqlValueCodec.Read(reader));
    }
}
