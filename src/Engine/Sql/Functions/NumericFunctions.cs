using OrleansProc.Engine.Processing;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>The numeric functions, computed as DuckDB computes them.</summary>
internal static class NumericFunctions
{
    /// <summary><c>ROUND(x, digits)</c> for DOUBLE: half away from zero, by DuckDB's formula (scale, round, unscale).</summary>
    public static double Round(double value, long digits)
    {
        if (digits < 0)
        {
            var modifier = Math.Pow(10, -(double)digits);
            var scaledDown = Math.Round(value / modifier, MidpointRounding.AwayFromZero) * modifier;
            return double.IsFinite(scaledDown) ? scaledDown : 0;
        }

        var scale = Math.Pow(10, digits);
        var rounded = Math.Round(value * scale, MidpointRounding.AwayFromZero) / scale;
        return double.IsFinite(rounded) ? rounded : value;
    }

    /// <summary><c>ROUND(x, digits)</c> for BIGINT: unchanged for digits ≥ 0, else to a multiple of 10^-digits, half away from zero.</summary>
    public static long Round(long value, long digits, string location)
    {
        if (digits >= 0)
        {
            return value;
        }

        if (digits < -18)
        {
            return 0;
        }

        long power = 1;
        for (var i = 0L; i < -digits; i++)
        {
            power *= 10;
        }

        var half = value < 0 ? -(power / 2) : power / 2;
        try
        {
            return checked(value + half) / power * power;
        }
        catch (OverflowException)
        {
            throw new QueryException($"out of range at {location}: BIGINT overflow rounding {value} to {digits} digits");
        }
    }

    /// <summary><c>ABS(x)</c> for BIGINT; the smallest BIGINT has no absolute value in range.</summary>
    public static long Abs(long value, string location) =>
        value == long.MinValue ? throw new QueryException($"out of range at {location}: BIGINT overflow taking ABS({value})") : Math.Abs(value);

    /// <summary><c>SQRT(x)</c>: an error for a negative number, as DuckDB.</summary>
    public static double Sqrt(double value, string location) =>
        value < 0 ? throw new QueryException($"out of range at {location}: cannot take the square root of a negative number") : Math.Sqrt(value);

    /// <summary><c>LN(x)</c> or <c>LOG10(x)</c>: an error for zero or a negative number, as DuckDB.</summary>
    public static double Log(double value, bool base10, string location)
    {
        if (value == 0)
        {
            throw new QueryException($"out of range at {location}: cannot take the logarithm of zero");
        }

        if (value < 0)
        {
            throw new QueryException($"out of range at {location}: cannot take the logarithm of a negative number");
        }

        return base10 ? Math.Log10(value) : Math.Log(value);
    }
}
