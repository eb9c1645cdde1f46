using System.Globalization;
using System.Text.Json;
using OrleansProc.Client.Commands;
using OrleansProc.Client.Output;
using OrleansProc.Contracts.Cluster;

namespace OrleansProc.Client.Tests.Commands;

public sealed class ClusterCommandsTests
{
    private static readonly SiloInfo[] Silos =
    [
        new() { Address = "10.0.0.2:11112@1", Name = "silo1", Status = "Active", Slots = 2, PartitionsRunning = 1, PartitionsCompleted = 7, RowsRead = 90_000, BytesRead = 4_500_000, RowsPerSecond = 1_234.6, BytesPerSecond = 2_560_000 },
        new() { Address = "10.0.0.1:11111@1", Name = "silo0", Status = "Active", Slots = 2, PartitionsRunning = 2, PartitionsCompleted = 9, RowsRead = 120_000, BytesRead = 6_000_000, RowsPerSecond = 0, BytesPerSecond = 0 },
    ];

    [Fact]
    public void Table_Json_KeepsTheOldKeysAndAddsTheRates()
    {
        var (columns, rows) = ClusterCommands.Table(Silos);
        using var output = new StringWriter();

        ResultWriters.For(OutputFormat.Json).Write(output, columns, rows);

        var silos = JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray().ToList();
        Assert.Equal(["address", "name", "status", "slots", "running", "completed", "rows", "mb_read", "rows_per_s", "mb_per_s"], silos[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["silo0", "silo1"], silos.Select(s => s.GetProperty("name").GetString()));
        var busy = silos[1];
        Assert.Equal(Math.Round(Silos[0].RowsPerSecond), busy.GetProperty("rows_per_s").GetInt64());
        Assert.Equal(Silos[0].BytesPerSecond / 1e6, busy.GetProperty("mb_per_s").GetDouble(), 1);
        Assert.Equal(Silos[0].PartitionsRunning, busy.GetProperty("running").GetInt32());
        Assert.Equal(Silos[0].BytesRead / 1e6, busy.GetProperty("mb_read").GetDouble(), 1);
    }

    [Fact]
    public void Table_Text_ShowsRatesPerSilo()
    {
        var (columns, rows) = ClusterCommands.Table(Silos);
        using var output = new StringWriter();

        ResultWriters.For(OutputFormat.Table).Write(output, columns, rows);

        var line = Assert.Single(output.ToString().Split('\n'), l => l.Contains("silo1", StringComparison.Ordinal));
        Assert.Contains(Math.Round(Silos[0].RowsPerSecond).ToString(CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Contains((Silos[0].BytesPerSecond / 1e6).ToString("0.0", CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }
}
