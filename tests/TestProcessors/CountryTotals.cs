using OrleansProc.Sdk;

namespace OrleansProc.TestProcessors;

/// <summary>Records, and the sum of amount, per country; rows with a NULL amount count but add nothing. Ordered by country.</summary>
[Processor("country-totals", Description = "records and total amount per country")]
public sealed class CountryTotals : AggregateProcessor<Dictionary<string, CountryTotal>>
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["country", "amount"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns => [new("country", ResultType.Text), new("n", ResultType.Integer), new("total", ResultType.Double)];

    /// <inheritdoc/>
    public override void Process(IRecord record, Dictionary<string, CountryTotal> state, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(state);
        var country = record.GetString("country") ?? string.Empty;
        if (!state.TryGetValue(country, out var total))
        {
            total = new CountryTotal();
            state[country] = total;
        }

        total.Count++;
        total.Sum += record.GetDouble(1) ?? 0;
    }

    /// <inheritdoc/>
    public override void Merge(Dictionary<string, CountryTotal> target, Dictionary<string, CountryTotal> source)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(source);
        foreach (var (country, total) in source)
        {
            if (target.TryGetValue(country, out var mine))
            {
                mine.Count += total.Count;
                mine.Sum += total.Sum;
            }
            else
            {
                target[country] = total;
            }
        }
    }

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Finish(Dictionary<string, CountryTotal> merged, ProcessorContext context) =>
        merged.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new object?[] { p.Key, p.Value.Count, p.Value.Sum });
}
