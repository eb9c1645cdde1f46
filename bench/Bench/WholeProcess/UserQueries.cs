namespace OrleansProc.Bench.WholeProcess;

/// <summary>
/// The queries that stand for users (issues 11 and 14), on each dataset: the aggregate, a string equality filter, an
/// IN list, a LIKE, a two-column GROUP BY, a COUNT(DISTINCT), a top-K, a CASE bucketing, a DATE_TRUNC month series, a
/// broadcast join with a small CSV, the aggregate and the string filter over the Parquet copy, and the word count of a
/// text column (the client's <c>wordcount</c> command against DuckDB's regex split); plus a start-up line over a tiny
/// CSV, and the two Parquet queries over vega-datasets' flights-3m.parquet when it is installed.
/// </summary>
internal static class UserQueries
{
    /// <summary>The query names, in the order they run and print (each also an <c>--only</c> name).</summary>
    public static readonly string[] Names = ["startup", "aggregate", "filter", "in", "like", "groupby2", "distinct", "topk", "case", "month", "join", "parquet", "parquet-filter", "wordcount"];

    /// <summary>The dataset names (each also an <c>--only</c> name).</summary>
    public static readonly string[] Datasets = ["sales", "export", "flights"];

    /// <summary>Whether a query name is one of the Parquet queries (<c>--only parquet</c> selects them all).</summary>
    public static bool IsParquet(string name) => name.StartsWith("parquet", StringComparison.Ordinal);

    /// <summary>
    /// The Parquet queries over vega-datasets' <c>flights-3m.parquet</c> (3 M rows, one file of 11 row groups): the
    /// aggregate by a dictionary-encoded string key and a string equality filter.
    /// </summary>
    public static IEnumerable<UserQuery> Flights(string parquetFile)
    {
        var (engine, duck) = (Quote(parquetFile), $"read_parquet({Quote(parquetFile)})");
        const string Aggregate = "SELECT origin, COUNT(*), AVG(delay), SUM(distance) FROM {0} GROUP BY origin";
        const string Filter = "SELECT COUNT(*), AVG(delay), SUM(distance) FROM {0} WHERE origin = 'SFO'";
        yield return new UserQuery("flights", "parquet", string.Format(null, Aggregate, engine), string.Format(null, Aggregate, duck));
        yield return new UserQuery("flights", "parquet-filter", string.Format(null, Filter, engine), string.Format(null, Filter, duck));
    }

    /// <summary>The start-up line: a COUNT(*) of the 30-line region table, so the time is the process's fixed cost.</summary>
    public static UserQuery Startup(string regionTable) => new(
        "-",
        ProcessFigure.StartupQuery,
        $"SELECT COUNT(*) FROM {Quote(regionTable)}",
        $"SELECT COUNT(*) FROM read_csv({Quote(regionTable)}, header=true)");

    /// <summary>The queries over one dataset, by name.</summary>
    public static IEnumerable<UserQuery> For(UserDataset data)
    {
        var engine = Quote(data.CsvGlob);
        var duck = $"read_csv({Quote(data.CsvGlob)}, header=true, delim=',', quote='\"', escape='\"', strict_mode=false, columns={DuckColumns(data.Columns)})";
        var (regionsEngine, regionsDuck) = (Quote(data.RegionTable), $"read_csv({Quote(data.RegionTable)}, header=true)");
        var sales = data.Name == "sales";
        var price = sales ? "amount" : "unit_price";
        var aggregate = $"SELECT country, COUNT(*), SUM(quantity), AVG({price}), MIN({price}), MAX({price}) FROM {{0}} WHERE quantity >= 2 GROUP BY country";
        var filter = $"SELECT COUNT(*), SUM({price}), AVG(quantity) FROM {{0}} WHERE category = '{(sales ? "books" : "Books")}'";
        var templates = new (string Name, string Sql)[]
        {
            ("aggregate", aggregate),
            ("filter", filter),
            ("in", sales
                ? "SELECT category, COUNT(*), SUM(amount) FROM {0} WHERE country IN ('DE', 'FR', 'GB', 'ES', 'IT', 'NL') GROUP BY category"
                : "SELECT status, COUNT(*), SUM(unit_price) FROM {0} WHERE country IN ('Germany', 'France', 'Spain', 'Côte d''Ivoire', 'Korea, Republic of') GROUP BY status"),
            ("like", sales
                ? "SELECT COUNT(*), SUM(quantity) FROM {0} WHERE comment LIKE '%sch%'"
                : "SELECT COUNT(*), SUM(quantity) FROM {0} WHERE customer LIKE '%ü%'"),
            ("groupby2", $"SELECT country, category, COUNT(*), SUM({price}) FROM {{0}} GROUP BY country, category"),
            ("distinct", sales
                ? "SELECT category, COUNT(DISTINCT user_id) FROM {0} GROUP BY category"
                : "SELECT country, COUNT(DISTINCT customer) FROM {0} GROUP BY country"),
            ("topk", sales
                ? "SELECT user_id, amount FROM {0} WHERE amount IS NOT NULL ORDER BY amount DESC, user_id LIMIT 10"
                : "SELECT order_id, unit_price FROM {0} WHERE unit_price IS NOT NULL ORDER BY unit_price DESC, order_id LIMIT 10"),
            ("case", sales
                ? "SELECT CASE WHEN amount IS NULL THEN 'none' WHEN amount < 20 THEN 'small' WHEN amount < 100 THEN 'medium' ELSE 'large' END AS size, COUNT(*), SUM(quantity) FROM {0} GROUP BY size"
                : "SELECT CASE WHEN discount IS NULL THEN 'none' WHEN discount < 0.1 THEN 'small' WHEN discount < 0.2 THEN 'medium' ELSE 'large' END AS size, COUNT(*), SUM(quantity) FROM {0} GROUP BY size"),
            ("month", $"SELECT DATE_TRUNC('month', {(sales ? "ts" : "order_date")}) AS month, COUNT(*), SUM({price}) FROM {{0}} GROUP BY month ORDER BY month"),
        };
        foreach (var (name, sql) in templates)
        {
            yield return new UserQuery(data.Name, name, string.Format(null, sql, engine), string.Format(null, sql, duck));
        }

        var join = $"SELECT r.region, COUNT(*), SUM(d.{price}) FROM {{0}} d JOIN {{1}} r ON d.country = r.key GROUP BY r.region";
        yield return new UserQuery(data.Name, "join", string.Format(null, join, engine, regionsEngine), string.Format(null, join, duck, regionsDuck));
        yield return new UserQuery(data.Name, "parquet", string.Format(null, aggregate, Quote(data.ParquetGlob)), string.Format(null, aggregate, $"read_parquet({Quote(data.ParquetGlob)})"));
        yield return new UserQuery(data.Name, "parquet-filter", string.Format(null, filter, Quote(data.ParquetGlob)), string.Format(null, filter, $"read_parquet({Quote(data.ParquetGlob)})"));
        yield return WordCount(data, duck, sales ? "comment" : "product");
    }

    /// <summary>
    /// The 20 most frequent words of <paramref name="column"/> (runs of letters, lowercased; ties by the word): the
    /// client's <c>wordcount</c> command against DuckDB's <c>string_split_regex</c> and <c>unnest</c>. The export's
    /// column is <c>product</c> (every row, 2 to 4 words, about 10% with a digit or a mark), not <c>note</c>, which is
    /// empty in 90% of the rows and would time little but the scan the other queries time already.
    /// </summary>
    private static UserQuery WordCount(UserDataset data, string duckSource, string column)
    {
        const int Top = 20;
        var duck = $"SELECT w AS word, COUNT(*) AS count FROM (SELECT unnest(string_split_regex(lower({column}), '[^\\p{{L}}]+')) AS w FROM {duckSource}) WHERE w <> '' GROUP BY w ORDER BY count DESC, w LIMIT {Top}";
        return new UserQuery(data.Name, "wordcount", $"wordcount {column} --top {Top}", duck)
        {
            ClientArguments = ["wordcount", data.CsvGlob, "--column", column, "--top", Top.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv"],
        };
    }

    /// <summary>DuckDB's <c>columns={'name': 'TYPE', ...}</c> of a <c>name TYPE, ...</c> schema.</summary>
    public static string DuckColumns(string schema) =>
        "{" + string.Join(", ", schema.Split(',', StringSplitOptions.TrimEntries).Select(c => c.Split(' ', 2)).Select(p => $"'{p[0]}': '{p[1]}'")) + "}";

    private static string Quote(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";
}
