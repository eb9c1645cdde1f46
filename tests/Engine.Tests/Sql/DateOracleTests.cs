using OrleansProc.Engine.Io;
using OrleansProc.Engine.Local;
using OrleansProc.Engine.Pipeline;
using OrleansProc.Engine.Tests.Local;
using OrleansProc.Engine.Tests.Reference;

namespace OrleansProc.Engine.Tests.Sql;

/// <summary>DATE, TIMESTAMP and the date functions against DuckDB over the same CSV (month ends, a leap day, NULLs, ISO week edges).</summary>
public sealed class DateOracleTests : IDisposable
{
    private const string Csv =
        "id,d,ts,city,note\n" +
        "1,2024-01-31,2024-01-31 23:59:59,Oslo,\"a, b\"\n" +
        "2,2024-02-29,2024-02-29 12:00:00,Zürich,\"line\nbreak\"\n" +
        "3,,2024-03-01 00:00:00.25,Bergen,\n" +
        "4,2023-12-31,,Oslo,x\n" +
        "5,2024-03-15,2024-03-15 08:30:00,,y\n" +
        "6,2024-12-30,2024-12-30 18:45:10,Zürich,z\n" +
        "7,2025-01-01,2025-01-01 00:00:00,Bergen,\"q \"\"quoted\"\"\"\n" +
        "8,2021-01-03,2021-01-03 13:07:08.123456,Oslo,é\n";

    private readonly TempFolder _folder = new();
    private readonly string _file;

    public DateOracleTests()
    {
        _file = _folder.Write("t.csv", Csv);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Select_DateAndTimestampColumns_InferredAndPrintedAsDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync("SELECT * FROM t ORDER BY id", _file);
    }

    [Fact]
    public async Task DateTrunc_MonthTimeSeriesGroupedAndOrdered_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT DATE_TRUNC('month', ts) AS m, COUNT(*) AS n, MIN(d) AS first_day, MAX(ts) AS last_ts FROM t GROUP BY m ORDER BY m",
            _file,
            partitionSize: 64);
    }

    [Fact]
    public async Task DateTrunc_EveryPart_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, DATE_TRUNC('week', d), DATE_TRUNC('quarter', d), DATE_TRUNC('year', ts), DATE_TRUNC('day', ts), DATE_TRUNC('hour', ts), " +
            "DATE_TRUNC('minute', ts), DATE_TRUNC('second', ts), DATE_TRUNC('millisecond', ts), DATE_TRUNC('decade', d), DATE_TRUNC('century', d), " +
            "DATE_TRUNC('millennium', d), DATE_TRUNC('isoyear', d), DATE_TRUNC('month', d) FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task Extract_YearAndQuarterBuckets_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT EXTRACT(year FROM d) AS y, EXTRACT(QUARTER FROM d) AS q, COUNT(*) AS n, COUNT(ts) AS with_ts FROM t GROUP BY y, q ORDER BY y, q",
            _file,
            partitionSize: 64);
    }

    [Fact]
    public async Task Extract_EveryPart_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, EXTRACT(dow FROM d), EXTRACT(isodow FROM d), EXTRACT(doy FROM d), EXTRACT(week FROM d), EXTRACT(isoyear FROM d), " +
            "EXTRACT(yearweek FROM d), DATE_PART('epoch', ts), DATE_PART('hour', ts), DATE_PART('minute', ts), DATE_PART('second', ts), " +
            "DATE_PART('millisecond', ts), DATE_PART('microsecond', ts), DATE_PART('dayofweek', ts), DATE_PART('dayofyear', ts), " +
            "EXTRACT(epoch FROM d), EXTRACT(hour FROM d), EXTRACT(decade FROM d), EXTRACT(century FROM d), EXTRACT(millennium FROM d), EXTRACT(era FROM d) " +
            "FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task PartFunctions_YearMonthDayHour_AgreeWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, YEAR(d), MONTH(ts), DAY(d), HOUR(ts), MINUTE(ts), SECOND(ts), QUARTER(d), DAYOFWEEK(d), DAYOFYEAR(d), WEEK(d), " +
            "EPOCH(ts), ISODOW(d), DAYOFMONTH(ts), MILLISECOND(ts), MICROSECOND(ts), YEARWEEK(d), ISOYEAR(d) FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task Interval_AcrossMonthEndsAndLeapYears_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, d + INTERVAL 1 MONTH, d - INTERVAL '1 month', ts + INTERVAL '1 year', d + INTERVAL '1 month 1 day', ts - INTERVAL 90 MINUTES, " +
            "ts + INTERVAL '36 hours', d + INTERVAL 2 WEEKS, d + INTERVAL '-1' DAY, INTERVAL '3 days' + d, d + INTERVAL 1 QUARTER, " +
            "ts + INTERVAL '1 day' - INTERVAL '1 second', d - INTERVAL '1 month -2 days', ts + INTERVAL '500 milliseconds 7 microseconds', " +
            "d + INTERVAL 4 YEARS, d + INTERVAL '1 decade' FROM t ORDER BY id",
            _file,
            partitionSize: 64);
    }

    [Fact]
    public async Task DateArithmetic_DaysAndDifferences_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, d + 1, 1 + d, d - 30, d - DATE '2024-01-01', DATE '2024-03-01' - d FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task DateDiff_BoundariesCrossed_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, DATE_DIFF('day', d, DATE '2024-03-01'), DATE_DIFF('month', d, ts), DATEDIFF('year', d, DATE '2025-06-01'), " +
            "DATE_DIFF('week', d, DATE '2024-06-01'), DATE_DIFF('hour', ts, TIMESTAMP '2024-03-01 00:00:00'), DATE_DIFF('quarter', d, DATE '2024-12-31'), " +
            "DATE_DIFF('second', ts, TIMESTAMP '2024-03-01 00:00:01'), DATE_DIFF('minute', ts, d), DATE_DIFF('millisecond', ts, TIMESTAMP '2024-03-01 00:00:00'), " +
            "DATE_DIFF('isoyear', d, DATE '2025-01-01'), DATE_DIFF('decade', d, DATE '2031-01-01'), DATE_DIFF('week', ts, TIMESTAMP '2024-01-01 10:00:00'), " +
            "DATE_DIFF('day', ts, TIMESTAMP '2024-01-01 10:00:00') FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task Strftime_CommonCodes_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, STRFTIME(d, '%Y/%m/%d %a %A %b %B %h %j %-d %-m %y %-j'), " +
            "STRFTIME(ts, '%H:%M:%S.%f %I %p %-I %-H %-M %-S %g %U %W %V %G %u %w %c | %x | %X %% %z%Z'), STRFTIME('%d.%m.%Y', d) FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task Where_StringLiteralsAgainstDateAndTimestamp_AgreesWithDuckDb()
    {
        foreach (var where in new[]
        {
            "d >= '2024-01-31' AND d < '2024-03-01'",
            "ts < '2024-03-01 12:00'",
            "d BETWEEN '2024-02-01' AND '2024-12-31'",
            "d IN ('2024-02-29', '2023-12-31', NULL)",
            "d NOT IN ('2024-02-29')",
            "ts >= DATE '2024-03-01'",
            "d = ts",
            "d < ts",
            "d < '2024-03-15 10:00'",
            "'2024-03-01' > d",
            "ts BETWEEN '2024-02-29' AND TIMESTAMP '2024-12-30 18:45:10'",
        })
        {
            await DuckDbOracle.AssertSameAsync($"SELECT id, d, ts FROM t WHERE {where}", _file);
        }
    }

    [Fact]
    public async Task CastsAndLiterals_DateAndTimestamp_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT id, CAST(ts AS DATE), CAST(d AS TIMESTAMP), CAST(d AS VARCHAR), CAST(ts AS VARCHAR), CAST('2024-1-5' AS DATE), DATE '2024-02-29', " +
            "TIMESTAMP '2024-02-29 10:00:00', d::TIMESTAMP, CAST(CAST(d AS VARCHAR) AS DATE) FROM t ORDER BY id",
            _file);
    }

    [Fact]
    public async Task Aggregates_MinMaxCountDistinctByCity_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT city, MIN(d), MAX(d), COUNT(DISTINCT d), MAX(ts), MIN(DATE_TRUNC('month', d)) FROM t GROUP BY city",
            _file,
            partitionSize: 64);
    }

    [Fact]
    public async Task Aggregates_FilteredOnDateAndTimestampLiterals_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT COUNT(*), MIN(d), MAX(d), MIN(ts) FROM t WHERE d >= '2024-02-01' AND d < DATE '2025-01-01' AND ts > '2024-01-01'",
            _file,
            partitionSize: 64);
        await DuckDbOracle.AssertSameWithTypesAsync(
            "SELECT d, COUNT(*) AS n FROM t WHERE ts <= '2024-12-30 18:45:10' GROUP BY d HAVING COUNT(*) > 0 ORDER BY d",
            _file,
            partitionSize: 64);
    }

    [Fact]
    public async Task Schema_GivenDateForTimestampText_ReadsTheDayAsDuckDbCasts()
    {
        const string Sql = "SELECT id, ts, ts + 1 FROM t ORDER BY id";
        var result = await new LocalJobRunner().RunAsync(new LocalJob
        {
            Files = [_file],
            Processor = ProcessorSpec.Query(Sql),
            Schema = SchemaParser.Parse("id BIGINT, d VARCHAR, ts DATE, city VARCHAR, note VARCHAR"),
            PartitionSize = 64,
        });

        var expected = DuckDbOracle.Query("SELECT id, CAST(ts AS DATE), CAST(ts AS DATE) + 1 FROM t ORDER BY id", "t", _file);
        DuckDbOracle.AssertSameRows(Sql, expected, result.Table, ordered: true);
    }

    [Fact]
    public async Task OrderBy_DateDescendingWithNulls_AgreesWithDuckDb()
    {
        await DuckDbOracle.AssertSameAsync("SELECT id, d FROM t ORDER BY d DESC, id", _file);
        await DuckDbOracle.AssertSameAsync("SELECT id, d FROM t ORDER BY d NULLS FIRST, id LIMIT 3", _file);
    }

    [Fact]
    public async Task Inference_DateColumnsInCsvAndJsonLines_AgreesWithDuckDb()
    {
        var csv = _folder.Write("mixed.csv", "short,mixed,bad,plain\n2024-1-5,2024-01-31,2024-01-31,2024-01-31\n2024-10-6,2024-02-01 10:00,2024-02-30,\n");
        await DuckDbOracle.AssertSameWithTypesAsync("SELECT * FROM t", csv);
        var jsonl = _folder.Write("t.jsonl", "{\"d\":\"2024-01-31\",\"n\":1}\n{\"d\":null,\"n\":2}\n{\"d\":\"2024-02-29\",\"n\":3}\n");
        await DuckDbOracle.AssertSameWithTypesAsync("SELECT d, n, d + INTERVAL 1 MONTH FROM t ORDER BY n", jsonl);
    }
}
