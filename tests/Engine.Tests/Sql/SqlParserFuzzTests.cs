using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Sql;

public sealed partial class SqlParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "AS", "AND", "OR", "NOT", "IN", "BETWEEN",
        "LIKE", "IS", "NULL", "TRUE", "FALSE", "CAST", "ASC", "DESC", "DISTINCT", "COUNT", "SUM", "AVG", "MIN", "MAX",
        "LOWER", "UPPER", "LENGTH", "BIGINT", "DOUBLE", "VARCHAR", "TIMESTAMP", "BOOLEAN", "a", "b", "c", "t", "ts",
        "(", ")", ",", ";", "*", "+", "-", "/", "%", "=", "<>", "!=", "<", "<=", ">", ">=", "::", ".", "'x'", "'2024-01-01'",
        "''", "\"a\"", "1", "0", "2.5", "1e3", "9223372036854775807", "99999999999999999999", "'", "\"", "--", "/*", "\n",
        "NULLS", "FIRST", "LAST", "#", "é", "\u0000", "1e999",
    ];

    private static readonly string[] Valid =
    [
        "SELECT a, b FROM t WHERE a > 1 AND c LIKE 'x%' ORDER BY a DESC LIMIT 3",
        "SELECT c, COUNT(*), SUM(a), AVG(b), MIN(ts), MAX(c) FROM t GROUP BY c HAVING COUNT(*) > 1 ORDER BY 2",
        "SELECT LOWER(c) AS k, COUNT(DISTINCT a) FROM t WHERE ts >= '2024-01-01' GROUP BY k",
        "SELECT CAST(a AS DOUBLE) / 2, a % 3, -b, b::BIGINT FROM t WHERE a IN (1, 2, NULL) OR b BETWEEN 1 AND 2",
        "SELECT * FROM 'data/*.csv' WHERE c IS NOT NULL AND NOT (a = 1)",
    ];

    private static readonly TableSchema Schema = QueryRunner.MakeSchema(
        ("a", SqlType.BigInt), ("b", SqlType.Double), ("c", SqlType.Varchar), ("ts", SqlType.Timestamp));

    private static readonly SqlValue[][] Rows =
    [
        [SqlValue.FromInt64(1), SqlValue.FromDouble(2.5), SqlValue.FromText("x1"), SqlValue.FromTimestamp(1_700_000_000_000_000)],
        [SqlValue.Null, SqlValue.Null, SqlValue.Null, SqlValue.Null],
        [SqlValue.FromInt64(-3), SqlValue.FromDouble(0), SqlValue.FromText(""), SqlValue.FromTimestamp(0)],
    ];

    /// <summary>A generous bound for one case on a loaded machine: a parse that takes longer is a hang.</summary>
    private static readonly TimeSpan s_caseDeadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Parse_RandomTokenSoups_OnlyQueryExceptionOrSuccess()
    {
        var random = new Random(20240601);
        RunCases(4_000, () =>
        {
            var sb = new StringBuilder();
            if (random.Next(2) == 0)
            {
                sb.Append("SELECT ");
            }

            var count = random.Next(1, 40);
            for (var j = 0; j < count; j++)
            {
                sb.Append(Tokens[random.Next(Tokens.Length)]).Append(random.Next(4) == 0 ? string.Empty : " ");
            }

            return sb.ToString();
        });
    }

    [Fact]
    public void Parse_CharacterMutationsOfValidQueries_OnlyQueryExceptionOrSuccess()
    {
        var random = new Random(7);
        RunCases(3_000, () =>
        {
            var sql = new StringBuilder(Valid[random.Next(Valid.Length)]);
            var mutations = random.Next(1, 5);
            for (var m = 0; m < mutations; m++)
            {
                var at = random.Next(sql.Length + 1);
                switch (random.Next(4))
                {
                    case 0:
                        if (at < sql.Length)
                        {
                            sql.Remove(at, Math.Min(random.Next(1, 6), sql.Length - at));
                        }

                        break;
                    case 1:
                        sql.Insert(at, Tokens[random.Next(Tokens.Length)]);
                        break;
                    case 2:
                        sql.Insert(at, (char)random.Next(1, 128));
                        break;
                    default:
                        if (at < sql.Length)
                        {
                            sql[at] = (char)random.Next(32, 127);
                        }

                        break;
                }
            }

            return sql.ToString();
        });
    }

    [Fact]
    public void Parse_TokenMutationsOfValidQueries_OnlyQueryExceptionOrSuccess()
    {
        var random = new Random(11);
        var tokenized = Valid.Select(Tokenize).ToArray();
        RunCases(3_000, () =>
        {
            var tokens = new List<string>(tokenized[random.Next(tokenized.Length)]);
            var mutations = random.Next(1, 5);
            for (var m = 0; m < mutations && tokens.Count > 0; m++)
            {
                var at = random.Next(tokens.Count);
                switch (random.Next(5))
                {
                    case 0:
                        tokens.RemoveAt(at);
                        break;
                    case 1:
                        tokens.Insert(at, tokens[at]);
                        break;
                    case 2:
                        var other = random.Next(tokens.Count);
                        (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                        break;
                    case 3:
                        tokens[at] = Tokens[random.Next(Tokens.Length)];
                        break;
                    default:
                        tokens.InsertRange(at, tokens.Skip(at).Take(random.Next(1, 8)).ToList());
                        break;
                }
            }

            return string.Join(' ', tokens);
        });
    }

    [Fact]
    public void Parse_RandomBytesAndCharacters_OnlyQueryExceptionOrSuccess()
    {
        var random = new Random(3);
        RunCases(1_000, () =>
        {
            var length = random.Next(0, 300);
            if (random.Next(2) == 0)
            {
                var bytes = new byte[length];
                random.NextBytes(bytes);
                return (random.Next(2) == 0 ? "SELECT " : string.Empty) + Encoding.UTF8.GetString(bytes);
            }

            var chars = new char[length];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)random.Next(0, 0x10000);
            }

            return "SELECT a FROM t WHERE " + new string(chars);
        });
    }

    public static TheoryData<string, string> DeepQueries()
    {
        const int deep = 10_000;
        string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));
        return new()
        {
            { "10,000 parentheses", "SELECT " + new string('(', deep) + "a" + new string(')', deep) + " FROM t" },
            { "10,000 unclosed parentheses", "SELECT " + new string('(', deep) + "a FROM t" },
            { "10,000 closing parentheses", "SELECT a" + new string(')', deep) + " FROM t" },
            { "100,000 parentheses in WHERE", "SELECT a FROM t WHERE " + new string('(', 100_000) + "a = 1" + new string(')', 100_000) },
            { "10,000 NOTs", "SELECT a FROM t WHERE " + Repeat("NOT ", deep) + "a = 1" },
            { "10,000 minus signs", "SELECT " + Repeat("- ", deep) + "a FROM t" },
            { "10,000 nested LOWERs", "SELECT " + Repeat("LOWER(", deep) + "c" + new string(')', deep) + " FROM t" },
            { "10,000 nested CASTs", "SELECT " + Repeat("CAST(", deep) + "a" + Repeat(" AS BIGINT)", deep) + " FROM t" },
            { "10,000 :: casts", "SELECT a" + Repeat("::BIGINT", deep) + " FROM t" },
            { "10,000 nested COUNTs", "SELECT " + Repeat("COUNT(", deep) + "a" + new string(')', deep) + " FROM t" },
            { "100,000 additions", "SELECT a" + Repeat(" + a", 100_000) + " FROM t" },
            { "100,000 ANDs", "SELECT a FROM t WHERE a = 1" + Repeat(" AND a = 1", 100_000) },
            { "100,000 ORs in GROUP BY", "SELECT COUNT(*) FROM t GROUP BY a" + Repeat(" OR a", 100_000) },
            { "10,000 comparisons", "SELECT a FROM t WHERE a" + Repeat(" < a", deep) },
            { "10,000 nested IN lists", "SELECT a FROM t WHERE " + Repeat("a IN (", deep) + "1" + new string(')', deep) },
            { "an IN list of 100,000", "SELECT a FROM t WHERE a IN (" + string.Join(',', Enumerable.Range(0, 100_000)) + ")" },
            { "10,000 BETWEENs", "SELECT a FROM t WHERE a" + Repeat(" BETWEEN a AND a", deep) },
            { "10,000 IS NULLs", "SELECT a FROM t WHERE a" + Repeat(" IS NULL", deep) },
            { "10,000 LIKEs", "SELECT a FROM t WHERE c" + Repeat(" LIKE c", deep) },
            { "10,000 select items", "SELECT " + string.Join(", ", Enumerable.Repeat("a", deep)) + " FROM t" },
            { "a 1 MB string literal", "SELECT COUNT(*) FROM t WHERE c = '" + new string('x', 1 << 20) + "'" },
            { "a 1 MB identifier", "SELECT " + new string('a', 1 << 20) + " FROM t" },
            { "a 1 MB LIKE pattern of %", "SELECT COUNT(*) FROM t WHERE c LIKE '" + Repeat("%_", 1 << 19) + "'" },
            { "100,000 ORDER BY items", "SELECT a FROM t ORDER BY " + string.Join(", ", Enumerable.Repeat("a", 100_000)) },
            { "an unterminated comment", "SELECT a FROM t /*" + new string('*', deep) },
            { "an unterminated string", "SELECT a FROM t WHERE c = '" + Repeat("''", deep) },
        };
    }

    [Theory]
    [MemberData(nameof(DeepQueries))]
    public void Parse_DeepOrHugeQuery_ErrorOrPlanWithinTheDeadline(string what, string sql)
    {
        var outcome = RunOne(sql);

        Assert.True(outcome.Elapsed < s_caseDeadline, $"{what}: took {outcome.Elapsed}");
        Assert.True(outcome.Error is null || outcome.Error.Length < 1_000, $"{what}: an error of {outcome.Error?.Length} characters");
    }

    [Fact]
    public void Parse_NestingPastTheLimit_SaysTheQueryIsNestedTooDeeply()
    {
        var sql = "SELECT " + new string('(', 10_000) + "a" + new string(')', 10_000) + " FROM t";

        var ex = Assert.Throws<QueryException>(() => SqlParser.Parse(sql));

        Assert.Contains("nested too deeply", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimitOnASmallStack_ErrorOrPlanNeverAStackOverflow()
    {
        // A thread with a 256 KiB stack: the depth guard and the stack probe must hold before the stack runs out.
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    foreach (var depth in new[] { SqlParser.MaxDepth - 5, SqlParser.MaxDepth, SqlParser.MaxDepth + 1, 10_000 })
                    {
                        Exercise("SELECT COUNT(*) FROM t WHERE " + new string('(', depth) + "a = 1" + new string(')', depth));
                        Exercise("SELECT " + string.Concat(Enumerable.Repeat("LOWER(", depth)) + "c" + new string(')', depth) + " FROM t");
                    }
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(failure);
    }

    private static string[] Tokenize(string sql) =>
        [.. TokenPattern().Matches(sql).Select(m => m.Value)];

    [GeneratedRegex("""'[^']*'|"[^"]*"|::|<=|>=|<>|!=|[A-Za-z_0-9.]+|\S""")]
    private static partial Regex TokenPattern();

    /// <summary>Runs <paramref name="count"/> generated cases; each must end within the deadline with a plan or a QueryException.</summary>
    private static void RunCases(int count, Func<string> next)
    {
        var slowest = TimeSpan.Zero;
        var slowestSql = string.Empty;
        for (var i = 0; i < count; i++)
        {
            var sql = next();
            var outcome = RunOne(sql);
            if (outcome.Elapsed > slowest)
            {
                (slowest, slowestSql) = (outcome.Elapsed, sql);
            }
        }

        Assert.True(slowest < s_caseDeadline, $"query {slowestSql} took {slowest}");
    }

    private static (string? Error, TimeSpan Elapsed) RunOne(string sql)
    {
        var started = Stopwatch.GetTimestamp();
        var error = Exercise(sql);
        return (error, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Parses, binds and runs <paramref name="sql"/>; null for a plan, else the QueryException's message. Anything else fails.</summary>
    private static string? Exercise(string sql)
    {
        try
        {
            var query = SqlParser.Parse(sql);
            var processor = SqlProcessor.Create(query, Schema);
            QueryRunner.Run(processor, Rows);
            return null;
        }
        catch (QueryException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"query {Shorten(sql)} failed without a message");
            Assert.DoesNotContain('\n', e.Message);
            return e.Message;
        }
        catch (Exception e)
        {
            Assert.Fail($"query {Shorten(sql)} threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return null;
        }
    }

    private static string Shorten(string sql) => sql.Length > 300 ? sql[..300] + $"... ({sql.Length} characters)" : sql;
}
