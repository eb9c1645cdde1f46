using OrleansProc.EndToEnd.Tests.Infrastructure;
using OrleansProc.SampleData;

namespace OrleansProc.EndToEnd.Tests.Load;

/// <summary>
/// One of the load test's jobs over the sales dataset, and its answer computed from the generator's records: even
/// jobs count and sum rows above a quantity, odd jobs group one quantity's rows by country.
/// </summary>
internal sealed class LoadQuery
{
    private readonly int _quantity;
    private readonly bool _grouped;
    private readonly SortedDictionary<string, (long Count, long Users)> _expected = new(StringComparer.Ordinal);

    private LoadQuery(string sql, int quantity, bool grouped)
    {
        Sql = sql;
        _quantity = quantity;
        _grouped = grouped;
    }

    public string Sql { get; }

    public static LoadQuery Make(string dataset, int index)
    {
        var quantity = (index / 2) + 1;
        return index % 2 == 0
            ? new LoadQuery($"SELECT COUNT(*) AS n, SUM(user_id) AS u FROM {dataset} WHERE quantity >= {quantity}", quantity, grouped: false)
            : new LoadQuery($"SELECT country, COUNT(*) AS n, SUM(user_id) AS u FROM {dataset} WHERE quantity = {quantity} GROUP BY country ORDER BY country", quantity, grouped: true);
    }

    /// <summary>Computes every query's answer in one pass over the records.</summary>
    public static void ComputeExpected(IReadOnlyList<LoadQuery> queries, IEnumerable<SalesRecord> records)
    {
        foreach (var record in records)
        {
            foreach (var query in queries)
            {
                if (query._grouped ? record.Quantity == query._quantity : record.Quantity >= query._quantity)
                {
                    var key = query._grouped ? record.Country : string.Empty;
                    var (count, users) = query._expected.GetValueOrDefault(key);
                    query._expected[key] = (count + 1, users + record.UserId);
                }
            }
        }
    }

    public void AssertAnswer(ClientRun run)
    {
        Assert.True(run.ExitCode == 0, $"{Sql}\n{run}");
        var rows = run.Json().EnumerateArray()
            .Select(r => (Key: _grouped ? r.GetProperty("country").GetString()! : string.Empty, Count: r.GetProperty("n").GetInt64(), Users: r.GetProperty("u").GetInt64()))
            .ToList();
        Assert.Equal(_expected.Select(e => (e.Key, e.Value.Count, e.Value.Users)), rows);
    }
}
