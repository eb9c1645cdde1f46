using System.Text;
using OrleansProc.Engine.Processing;
using OrleansProc.Engine.Schema;
using OrleansProc.Engine.Sql;
using OrleansProc.Engine.Values;

namespace OrleansProc.Engine.Tests.Sql;

public sealed class SqlParserFuzzTests
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

    [Fact]
    public void Parse_RandomTokenSoups_OnlyQueryExceptionOrSuccess()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 1000; i++)
        {
            var sb = new StringBuilder();
            if (random.Next(2) == 0)
            {
                sb.Append("SELECT ");
            }

            var count = random.Next(1, 30);
            for (var j = 0; j < count; j++)
            {
                sb.Append(Tokens[random.Next(Tokens.Length)]).Append(random.Next(4) == 0 ? string.Empty : " ");
            }

            Exercise(sb.ToString());
        }
    }

    [Fact]
    public void Parse_MutatedValidQueries_OnlyQueryExceptionOrSuccess()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var sql = new StringBuilder(Valid[random.Next(Valid.Length)]);
            var mutations = random.Next(1, 4);
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

            Exercise(sql.ToString());
        }
    }

    private static void Exercise(string sql)
    {
        try
        {
            var query = SqlParser.Parse(sql);
            var processor = SqlProcessor.Create(query, Schema);
            QueryRunner.Run(processor, Rows);
        }
        catch (QueryException)
        {
        }
        catch (Exception e)
        {
            Assert.Fail($"query {sql} threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }
    }
}
