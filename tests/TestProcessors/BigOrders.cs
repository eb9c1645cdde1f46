using OrleansProc.Sdk;

namespace OrleansProc.TestProcessors;

/// <summary>
/// A map: for each record whose quantity is at least <c>--arg min=N</c> (default 3), one row: the user, the upper-cased
/// country, twice the amount, the quantity, and whether the amount is over 100.
/// </summary>
[Processor("big-orders")]
public sealed class BigOrders : MapProcessor
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> Columns => ["user_id", "country", "amount", "quantity"];

    /// <inheritdoc/>
    public override IReadOnlyList<ResultColumn> ResultColumns =>
        [new("user_id", ResultType.Integer), new("country", ResultType.Text), new("double_amount", ResultType.Double), new("quantity", ResultType.Integer), new("over_100", ResultType.Boolean)];

    /// <inheritdoc/>
    public override void Map(IRecord record, RowEmitter output, ProcessorContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(context);
        if (record.GetInt64("quantity") is not { } quantity || quantity < context.Arguments.Get("min", 3L))
        {
            return;
        }

        var amount = record.GetDouble("amount");
        output.Emit(record.GetInt64(0), record.GetString(1)?.ToUpperInvariant(), amount * 2, quantity, amount > 100);
    }
}
