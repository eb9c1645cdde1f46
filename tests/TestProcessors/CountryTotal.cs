namespace OrleansProc.TestProcessors;

/// <summary>One country's records and amount.</summary>
public sealed class CountryTotal
{
    /// <summary>Records.</summary>
    public long Count { get; set; }

    /// <summary>Sum of amount.</summary>
    public double Sum { get; set; }
}
