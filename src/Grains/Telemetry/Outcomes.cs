namespace OrleansProc.Grains.Telemetry;

/// <summary>The values of the outcome tag on durations and spans.</summary>
public static class Outcomes
{
    public const string Succeeded = "succeeded";

    public const string Failed = "failed";

    public const string Cancelled = "cancelled";
}
