using System.Globalization;
using System.Text;
using OrleansProc.Engine.Sql.Functions;

namespace OrleansProc.Engine.Sql.Syntax;

/// <summary><c>INTERVAL '1 month 2 days'</c>, <c>INTERVAL '3' HOUR</c> or <c>INTERVAL 3 HOURS</c>: a constant added to or subtracted from a DATE or TIMESTAMP.</summary>
internal sealed class IntervalExpr : SqlExpr
{
    public IntervalExpr(IntervalValue value, int start, int end)
        : base(start, end, [])
    {
        Value = value;
    }

    public IntervalValue Value { get; }

    public override void AppendKey(StringBuilder builder) =>
        builder.Append(CultureInfo.InvariantCulture, $"interval:{Value.Months}:{Value.Days}:{Value.Micros};");
}
