using System.Globalization;

namespace OrleansProc.Engine.Sql.Functions;

/// <summary>
/// A DOUBLE as text the way DuckDB casts it to VARCHAR: the shortest digits that round-trip, in fixed notation with at
/// least one decimal (<c>2.0</c>, <c>0.0001</c>) for exponents from -4 to 15, otherwise scientific (<c>1e+16</c>,
/// <c>1e-05</c>); <c>inf</c>, <c>-inf</c>, <c>nan</c>; <c>-0.0</c>.
/// </summary>
internal static class DoubleText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var sign = double.IsNegative(value) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0.0";
        }

        var (digits, exponent) = Decompose(Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        if (exponent is >= -4 and < 16)
        {
            if (exponent < 0)
            {
                return $"{sign}0.{new string('0', -exponent - 1)}{digits}";
            }

            var padded = digits.Length <= exponent + 1 ? digits.PadRight(exponent + 1, '0') : digits;
            var fraction = padded[(exponent + 1)..];
            return $"{sign}{padded[..(exponent + 1)]}.{(fraction.Length == 0 ? "0" : fraction)}";
        }

        var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        var exponentText = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        return $"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{exponentText}";
    }

    /// <summary>The significant digits (no leading or trailing zeros) and the power of ten of the first one.</summary>
    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var e = roundTrip.IndexOfAny(['E', 'e']);
        var shift = 0;
        var mantissa = roundTrip;
        if (e >= 0)
        {
            shift = int.Parse(roundTrip.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = roundTrip[..e];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var all = point < 0 ? mantissa : integerPart + mantissa[(point + 1)..];
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        var digits = all[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, integerPart.Length - 1 - leading + shift);
    }
}
