namespace OrleansProc.SampleData;

/// <summary>Samples indexes 0..n-1 with probability proportional to 1/(i+1)^s (immutable, shareable).</summary>
internal sealed class ZipfTable
{
    private readonly double[] _cumulative;

    public ZipfTable(int count, double exponent)
    {
        _cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++)
        {
            total += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = total;
        }

        for (var i = 0; i < count; i++)
        {
            _cumulative[i] /= total;
        }
    }

    public int Sample(Prng random)
    {
        // The first index whose cumulative probability exceeds u.
        var u = random.NextDouble();
        var cumulative = _cumulative;
        int lo = 0, hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }
}
