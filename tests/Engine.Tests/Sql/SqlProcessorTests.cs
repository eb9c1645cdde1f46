using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;
using static OrleansProc.Engine.Tests.Sql.QueryRunner;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class SqlProcessorTests
{
    private static readonly TableSchema Sales = MakeSchema(
        ("country", SqlType.Varchar), ("amount", SqlType.BigInt), ("price", SqlType.Double), ("ts", SqlType.Timestamp));

    private static readonly SqlValue[][] SalesRows =
    [
        [S("FR"), I(10), D(1.5), SqlValue.FromTimestamp(0)],
        [S("de"), I(20), D(2.5), SqlValue.FromTimestamp(1_000_000)],
        [S("FR"), I(5), N, SqlValue.FromTimestamp(2_000_000)],
        [S("DE"), N, D(4.0), N],
        [N, I(7), D(0.5), SqlValue.FromTimestamp(3_000_000)],
        [S("fr"), I(1), D(1.0), SqlValue.FromTimestamp(4_000_000)],
    ];

    private static ResultTable RunSales(string sql) => Run(sql, Sales, SalesRows);

    private static string[] Rows(ResultTable result) =>
        result.Rows.Select(r => string.Join("|", r.Select(v => v.ToString()))).ToArray();

    [Fact]
    public void Finish_GlobalAggregates_OneRow()
    {
        var result = RunSales("SELECT COUNT(*), COUNT(amount), SUM(amount), AVG(amount), MIN(price), MAX(country), COUNT(DISTINCT country), SUM(price), AVG(price) FROM t");

        var expectedAvg = (10 + 20 + 5 + 7 + 1) / 5.0;
        var expectedPriceSum = 1.5 + 2.5 + 4.0 + 0.5 + 1.0;
        Assert.Equal(
            [I(6), I(5), I(43), D(expectedAvg), D(0.5), S("fr"), I(4), D(expectedPriceSum), D(expectedPriceSum / 5)],
            Assert.Single(result.Rows));
        Assert.Equal(SqlType.BigInt, result.Columns[2].Type);
        Assert.Equal(SqlType.Double, result.Columns[3].Type);
    }

    [Fact]
    public void Finish_GlobalAggregatesOverNoRows_OneRowWithCountZeroAndNullSums()
    {
        var result = RunSales("SELECT COUNT(*), COUNT(amount), SUM(amount), AVG(price), MIN(country), COUNT(DISTINCT country) FROM t WHERE amount > 1000");

        Assert.Equal([I(0), I(0), N, N, N, I(0)], Assert.Single(result.Rows));
    }

    [Fact]
    public void Finish_GroupByColumn_GroupsWithNullGroup()
    {
        var result = RunSales("SELECT country, COUNT(*) AS n, SUM(amount) FROM t GROUP BY country ORDER BY country");

        Assert.Equal(["DE|1|NULL", "FR|2|15", "de|1|20", "fr|1|1", "NULL|1|7"], Rows(result));
        Assert.Equal(["country", "n", "SUM(amount)"], result.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Finish_GroupByExpression_OutputUsesGroupExpression()
    {
        var result = RunSales("SELECT LOWER(country) AS c, COUNT(*) FROM t GROUP BY LOWER(country) ORDER BY c NULLS FIRST");

        Assert.Equal(["NULL|1", "de|2", "fr|3"], Rows(result));
    }

    [Fact]
    public void Finish_GroupByAliasAndOrdinal_SameAsExpression()
    {
        var byAlias = RunSales("SELECT LOWER(country) AS c, SUM(amount) FROM t GROUP BY c ORDER BY 1");
        var byOrdinal = RunSales("SELECT LOWER(country) AS c, SUM(amount) FROM t GROUP BY 1 ORDER BY 1");

        Assert.Equal(["de|20", "fr|16", "NULL|7"], Rows(byAlias));
        Assert.Equal(Rows(byAlias), Rows(byOrdinal));
    }

    [Fact]
    public void Finish_Having_UsesAggregateNotInSelect()
    {
        var result = RunSales("SELECT LOWER(country) AS c FROM t GROUP BY LOWER(country) HAVING SUM(amount) > 10 AND COUNT(*) >= 2 ORDER BY c");

        Assert.Equal(["de", "fr"], Rows(result));
    }

    [Fact]
    public void Finish_OrderByAggregateDescWithLimit_TopRows()
    {
        var result = RunSales("SELECT LOWER(country) AS c, SUM(amount) AS total FROM t WHERE country IS NOT NULL GROUP BY 1 ORDER BY total DESC, c LIMIT 1");

        Assert.Equal(["de|20"], Rows(result));
        Assert.Equal(1, result.TotalRows);
    }

    [Fact]
    public void Finish_OrderByExpressionOverAggregates_Sorted()
    {
        var result = RunSales("SELECT country FROM t WHERE country IS NOT NULL GROUP BY country ORDER BY COUNT(*) * 10 - MIN(amount) DESC, country");

        // FR: 2*10-5=15, DE: 10-NULL=NULL (last), de: 10-20=-10, fr: 10-1=9.
        Assert.Equal(["FR", "fr", "de", "DE"], Rows(result));
    }

    [Fact]
    public void Finish_AggregateInsideExpression_Computed()
    {
        var result = RunSales("SELECT SUM(amount) * 2 + 1, MAX(amount) - MIN(amount), SUM(amount) / COUNT(amount) FROM t");

        Assert.Equal([I(87), I(19), D(43 / 5.0)], Assert.Single(result.Rows));
    }

    [Fact]
    public void Finish_GroupByWithoutOrderBy_DeterministicOrder()
    {
        var forward = RunSales("SELECT country, COUNT(*) FROM t GROUP BY country");
        var backward = Run("SELECT country, COUNT(*) FROM t GROUP BY country", Sales, SalesRows.Reverse());

        Assert.Equal(Rows(forward), Rows(backward));
    }

    [Fact]
    public void Finish_SelectStarWithGroupByAllColumns_Works()
    {
        var schema = MakeSchema(("k", SqlType.Varchar));
        var result = Run("SELECT * FROM t GROUP BY k ORDER BY k", schema, [[S("b")], [S("a")], [S("b")]]);

        Assert.Equal(["a", "b"], Rows(result));
    }

    [Fact]
    public void Finish_OrderByWithoutAggregates_SortedNullsLastBothDirections()
    {
        var asc = RunSales("SELECT amount FROM t ORDER BY amount");
        var desc = RunSales("SELECT amount FROM t ORDER BY amount DESC");
        var nullsFirst = RunSales("SELECT amount FROM t ORDER BY amount NULLS FIRST");

        Assert.Equal(["1", "5", "7", "10", "20", "NULL"], Rows(asc));
        Assert.Equal(["20", "10", "7", "5", "1", "NULL"], Rows(desc));
        Assert.Equal(["NULL", "1", "5", "7", "10", "20"], Rows(nullsFirst));
    }

    [Fact]
    public void Finish_OrderByColumnNotSelected_UsesExtraKey()
    {
        var result = RunSales("SELECT country FROM t WHERE amount IS NOT NULL ORDER BY ts DESC LIMIT 3");

        Assert.Equal(["fr", "NULL", "FR"], Rows(result));
    }

    [Fact]
    public void Finish_LimitOnly_FirstRowsInArrivalOrder()
    {
        var result = RunSales("SELECT amount FROM t LIMIT 2");

        Assert.Equal(["10", "20"], Rows(result));
    }

    [Fact]
    public void Finish_LimitZero_NoRows()
    {
        Assert.Empty(RunSales("SELECT amount FROM t ORDER BY amount LIMIT 0").Rows);
        Assert.Empty(RunSales("SELECT amount FROM t LIMIT 0").Rows);
        Assert.Empty(RunSales("SELECT COUNT(*) FROM t LIMIT 0").Rows);
    }

    [Fact]
    public void Finish_OrderByOrdinalAndAlias_Sorted()
    {
        var result = RunSales("SELECT amount * 2 AS d, country FROM t WHERE amount IS NOT NULL ORDER BY 2 NULLS FIRST, d DESC");

        Assert.Equal(["14|NULL", "20|FR", "10|FR", "40|de", "2|fr"], Rows(result));
    }

    [Fact]
    public void Finish_WhereUsesSelectAlias_Filters()
    {
        var result = RunSales("SELECT amount * 2 AS d FROM t WHERE d > 15 ORDER BY d");

        Assert.Equal(["20", "40"], Rows(result));
    }

    [Fact]
    public void Finish_TopKAcrossPartials_SameAsSingleRun()
    {
        var schema = MakeSchema(("v", SqlType.BigInt));
        var processor = SqlProcessor.Create("SELECT v FROM t ORDER BY v DESC LIMIT 3", schema);
        var a = processor.CreatePartial();
        var b = processor.CreatePartial();
        foreach (var v in new long[] { 5, 1, 9, 3 })
        {
            a.Accept([I(v)]);
        }

        foreach (var v in new long[] { 8, 2, 7, 9 })
        {
            b.Accept([I(v)]);
        }

        var merged = RoundTrip(processor, a);
        merged.Merge(RoundTrip(processor, b));

        Assert.Equal(["9", "9", "8"], Rows(processor.Finish(merged)));
    }

    [Fact]
    public void Accept_OrderByWithoutLimitOverCap_ThrowsResultTooLarge()
    {
        var schema = MakeSchema(("v", SqlType.BigInt));
        var processor = SqlProcessor.Create(SqlParser.Parse("SELECT v FROM t ORDER BY v"), schema, new SqlProcessorOptions { MaxKeptRows = 3 });
        var partial = processor.CreatePartial();
        for (var i = 0; i < 3; i++)
        {
            partial.Accept([I(i)]);
        }

        var e = Assert.Throws<QueryException>(() => partial.Accept([I(3)]));

        Assert.Contains("result too large", e.Message, StringComparison.Ordinal);
        Assert.Contains("LIMIT", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_ExactlyMaxGroups_CompletesWithEveryGroup()
    {
        var schema = MakeSchema(("k", SqlType.BigInt), ("v", SqlType.BigInt));
        var rows = Enumerable.Range(0, 3_000).Select(i => new[] { I(i % 1_000), I(i) }).ToList();
        var processor = SqlProcessor.Create("SELECT k, COUNT(*) AS n, SUM(v) AS s FROM t GROUP BY k ORDER BY k", schema, new SqlProcessorOptions { MaxGroups = 1_000 });

        var result = Run(processor, rows);

        var expected = rows.GroupBy(r => r[0].Int64).OrderBy(g => g.Key).Select(g => $"{g.Key}|{g.Count()}|{g.Sum(r => r[1].Int64)}");
        Assert.Equal(expected, Rows(result));
    }

    [Fact]
    public void Accept_OneGroupMoreThanMaxGroups_ThrowsNamingTheLimit()
    {
        var schema = MakeSchema(("k", SqlType.Varchar));
        var processor = SqlProcessor.Create("SELECT k, COUNT(*) FROM t GROUP BY k", schema, new SqlProcessorOptions { MaxGroups = 3 });
        var partial = processor.CreatePartial();
        foreach (var key in new[] { "a", "b", "a", "c", "c" })
        {
            partial.Accept([S(key)]);
        }

        var e = Assert.Throws<QueryException>(() => partial.Accept([S("d")]));

        Assert.Contains("more than 3 groups (--max-groups 3)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_PartialsTogetherOverMaxGroups_ThrowsNamingTheLimit()
    {
        var schema = MakeSchema(("k", SqlType.BigInt));
        var processor = SqlProcessor.Create("SELECT k, COUNT(*) FROM t GROUP BY k", schema, new SqlProcessorOptions { MaxGroups = 20 });
        var a = processor.CreatePartial();
        var b = processor.CreatePartial();
        for (var i = 0; i < 15; i++)
        {
            a.Accept([I(i)]);
            b.Accept([I(100 + i)]);
        }

        var merged = RoundTrip(processor, a);

        var e = Assert.Throws<QueryException>(() => merged.Merge(RoundTrip(processor, b)));
        Assert.Contains("more than 20 groups (--max-groups 20)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadPartial_MoreGroupsThanTheReadersLimit_ThrowsBeforeReadingThem()
    {
        var schema = MakeSchema(("k", SqlType.BigInt));
        var query = SqlParser.Parse("SELECT k, COUNT(*) FROM t GROUP BY k");
        var writer = SqlProcessor.Create(query, schema);
        var reader = SqlProcessor.Create(query, schema, new SqlProcessorOptions { MaxGroups = 5 });
        var partial = writer.CreatePartial();
        for (var i = 0; i < 6; i++)
        {
            partial.Accept([I(i)]);
        }

        using var buffer = new MemoryStream();
        partial.WriteTo(buffer);
        buffer.Position = 0;

        var e = Assert.Throws<QueryException>(() => reader.ReadPartial(buffer));
        Assert.Contains("more than 5 groups (--max-groups 5)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_MillionDistinctKeysOverPartials_EveryGroupRightUnderTheDefaultLimit()
    {
        const int Keys = 1_000_000;
        var schema = MakeSchema(("k", SqlType.BigInt));
        var query = SqlProcessor.Create("SELECT k, COUNT(*) AS n FROM t GROUP BY k HAVING COUNT(*) = 2 ORDER BY k", schema);
        var partials = Enumerable.Range(0, 4).Select(_ => query.CreatePartial()).ToList();
        for (var k = 0; k < Keys; k++)
        {
            // Every key once, spread over four partials; every 1000th key once more, in another partial.
            partials[k % 4].Accept([I(k)]);
            if (k % 1_000 == 0)
            {
                partials[(k + 1) % 4].Accept([I(k)]);
            }
        }

        var merged = RoundTrip(query, partials[0]);
        foreach (var other in partials.Skip(1))
        {
            merged.Merge(RoundTrip(query, other));
        }

        Assert.Equal(Enumerable.Range(0, Keys / 1_000).Select(i => $"{i * 1_000}|2"), Rows(query.Finish(merged)));
    }

    [Fact]
    public void Merge_MillionDistinctKeysUnderLimitOfOneLess_ThrowsNamingTheLimit()
    {
        const int Keys = 1_000_000;
        var schema = MakeSchema(("k", SqlType.BigInt));
        var query = SqlProcessor.Create("SELECT k, COUNT(*) FROM t GROUP BY k", schema, new SqlProcessorOptions { MaxGroups = Keys - 1 });
        var a = query.CreatePartial();
        var b = query.CreatePartial();
        for (var k = 0; k < Keys; k++)
        {
            (k % 2 == 0 ? a : b).Accept([I(k)]);
        }

        var e = Assert.Throws<QueryException>(() => a.Merge(RoundTrip(query, b)));
        Assert.Contains($"more than {Keys - 1} groups (--max-groups {Keys - 1})", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transform_WritesCsvWithHeaderQuotingAndNulls()
    {
        var schema = MakeSchema(("id", SqlType.BigInt), ("name", SqlType.Varchar), ("x", SqlType.Double), ("ok", SqlType.Boolean));
        var processor = SqlProcessor.Create("SELECT id, name AS \"the, name\", x / 2, ok FROM t WHERE id <> 3", schema);
        using var output = new MemoryStream();
        var partial = processor.CreatePartial(output);

        partial.Accept([I(1), S("plain"), D(3), B(true)]);
        partial.Accept([I(2), S("a,b \"q\"\nline"), N, N]);
        partial.Accept([I(3), S("skipped"), D(1), B(false)]);
        partial.Accept([I(4), S(""), D(0.5), B(false)]);
        partial.Complete();

        Assert.True(processor.WritesOutputRows);
        var csv = Encoding.UTF8.GetString(output.ToArray());
        Assert.Equal(
            "id,\"the, name\",x / 2,ok\n1,plain,1.5,true\n2,\"a,b \"\"q\"\"\nline\",,\n4,\"\",0.25,false\n",
            csv);
        var result = processor.Finish(RoundTrip(processor, partial));
        Assert.Equal(3, result.TotalRows);
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal([I(2), S("a,b \"q\"\nline"), N, N], result.Rows[1]);
    }

    [Fact]
    public void Transform_MergeKeepsFirstPreviewRowsInMergeOrderAndAddsCounts()
    {
        var schema = MakeSchema(("v", SqlType.BigInt));
        var processor = SqlProcessor.Create("SELECT v FROM t", schema);
        using var out1 = new MemoryStream();
        using var out2 = new MemoryStream();
        var a = processor.CreatePartial(out1);
        var b = processor.CreatePartial(out2);
        for (var i = 0; i < 15; i++)
        {
            a.Accept([I(i)]);
            b.Accept([I(100 + i)]);
        }

        a.Complete();
        b.Complete();
        var merged = RoundTrip(processor, a);
        merged.Merge(RoundTrip(processor, b));
        var result = processor.Finish(merged);

        Assert.Equal(30, result.TotalRows);
        Assert.Equal(20, result.Rows.Count);
        Assert.Equal(I(14), result.Rows[14][0]);
        Assert.Equal(I(100), result.Rows[15][0]);
    }

    [Fact]
    public void Create_SelectStar_ExpandsColumnsAndNeedsAll()
    {
        var processor = SqlProcessor.Create("SELECT * FROM t", Sales);

        Assert.Equal(["country", "amount", "price", "ts"], processor.OutputColumns.Select(c => c.Name));
        Assert.All(processor.NeededColumns, Assert.True);
    }

    [Fact]
    public void Create_NeededColumns_OnlyReferenced()
    {
        var processor = SqlProcessor.Create("SELECT country, COUNT(*) FROM t WHERE ts > '2024-01-01' GROUP BY country", Sales);

        Assert.Equal([true, false, false, true], processor.NeededColumns);
    }

    [Fact]
    public void Create_OutputNames_AliasColumnOrSourceText()
    {
        var processor = SqlProcessor.Create("SELECT Country, amount + 1 AS a1, SUM( price ) , COUNT(*) FROM t GROUP BY Country, amount", Sales);

        Assert.Equal(["Country", "a1", "SUM( price )", "COUNT(*)"], processor.OutputColumns.Select(c => c.Name));
        Assert.Equal([SqlType.Varchar, SqlType.BigInt, SqlType.Double, SqlType.BigInt], processor.OutputColumns.Select(c => c.Type));
    }

    [Theory]
    [InlineData("SELECT no_such_column FROM t", 7, "unknown column 'no_such_column' at line 1, column 8; columns are: country, amount, price, ts")]
    [InlineData("SELECT SUM(country) FROM t", 7, "type error at line 1, column 8: SUM needs a numeric argument, got VARCHAR")]
    [InlineData("SELECT AVG(ts) FROM t", 7, "AVG needs a numeric argument, got TIMESTAMP")]
    [InlineData("SELECT amount FROM t WHERE COUNT(*) > 1", 27, "aggregate functions are not allowed in WHERE")]
    [InlineData("SELECT country, amount FROM t GROUP BY country", 16, "column 'amount' must appear in the GROUP BY clause or be used in an aggregate function")]
    [InlineData("SELECT SUM(MAX(amount)) FROM t", 11, "aggregate functions cannot be nested")]
    [InlineData("SELECT amount FROM t ORDER BY 2", 30, "ORDER BY position 2 is not in the select list (1 to 1)")]
    [InlineData("SELECT amount FROM t GROUP BY 3", 30, "GROUP BY position 3 is not in the select list")]
    [InlineData("SELECT COUNT(*) FROM t GROUP BY 1", 32, "refers to an aggregate")]
    [InlineData("SELECT amount FROM t GROUP BY COUNT(*)", 30, "aggregate functions are not allowed in GROUP BY")]
    [InlineData("SELECT amount FROM t WHERE amount", 27, "WHERE needs a BOOLEAN condition, got BIGINT")]
    [InlineData("SELECT country + 1 FROM t", 15, "operator + needs numeric arguments, got VARCHAR and BIGINT")]
    [InlineData("SELECT amount FROM t WHERE country = 1", 35, "cannot compare VARCHAR and BIGINT")]
    [InlineData("SELECT amount FROM t WHERE amount AND TRUE", 34, "AND needs BOOLEAN arguments")]
    [InlineData("SELECT amount FROM t WHERE amount LIKE 'x'", 33, "LIKE needs VARCHAR arguments, got BIGINT")]
    [InlineData("SELECT LOWER(amount) FROM t", 7, "LOWER needs a VARCHAR argument, got BIGINT")]
    [InlineData("SELECT FOO(amount) FROM t", 7, "unknown function 'FOO'")]
    [InlineData("SELECT CAST(ts AS BIGINT) FROM t", 7, "cannot cast TIMESTAMP to BIGINT")]
    [InlineData("SELECT amount FROM t WHERE ts > 'yesterday'", 32, "conversion error at line 1, column 33: could not convert 'yesterday' to TIMESTAMP")]
    [InlineData("SELECT SUM(*) FROM t", 7, "only COUNT(*) takes *")]
    [InlineData("SELECT COUNT(amount, price) FROM t", 7, "COUNT takes 1 argument, got 2")]
    [InlineData("SELECT amount FROM t HAVING amount > 1", 7, "must appear in the GROUP BY clause")]
    [InlineData("SELECT NOT amount FROM t", 7, "NOT needs a BOOLEAN argument")]
    public void Create_InvalidQuery_ThrowsWithPositionAndReason(string sql, int position, string message)
    {
        var e = Assert.Throws<QueryException>(() => SqlProcessor.Create(sql, Sales));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(position, e.Position);
    }

    [Fact]
    public void Finish_SumBigIntBeyondRange_ThrowsOutOfRange()
    {
        var schema = MakeSchema(("v", SqlType.BigInt));

        var e = Assert.Throws<QueryException>(() => Run("SELECT SUM(v) FROM t", schema, [[I(long.MaxValue)], [I(1)]]));

        Assert.Contains("out of range", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_SumBigIntIntermediateOverflowThatComesBack_Exact()
    {
        var schema = MakeSchema(("v", SqlType.BigInt));

        var result = Run("SELECT SUM(v) FROM t", schema, [[I(long.MaxValue)], [I(10)], [I(-20)]]);

        Assert.Equal(I(long.MaxValue - 10), result.Rows[0][0]);
    }

    [Fact]
    public void Finish_MinMaxOfTimestampAndText_Ordered()
    {
        var result = RunSales("SELECT MIN(ts), MAX(ts), MIN(country), MAX(country) FROM t");

        Assert.Equal([SqlValue.FromTimestamp(0), SqlValue.FromTimestamp(4_000_000), S("DE"), S("fr")], Assert.Single(result.Rows));
    }

    [Fact]
    public void ReadPartial_OtherKind_ThrowsInvalidData()
    {
        var aggregate = SqlProcessor.Create("SELECT COUNT(*) FROM t", Sales);
        var rows = SqlProcessor.Create("SELECT amount FROM t LIMIT 1", Sales);
        using var buffer = new MemoryStream();
        rows.CreatePartial().WriteTo(buffer);
        buffer.Position = 0;

        Assert.Throws<InvalidDataException>(() => aggregate.ReadPartial(buffer));
    }
}
