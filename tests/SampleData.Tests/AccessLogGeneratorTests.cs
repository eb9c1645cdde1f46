using System.Globalization;
using System.Text;

namespace OrleansProc.SampleData.Tests;

public sealed class AccessLogGeneratorTests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD"];

    [Fact]
    public void Lines_SameSeedAndPart_SameLinesOtherPartDiffers()
    {
        Assert.Equal(AccessLogGenerator.Lines(500, 3, 1), AccessLogGenerator.Lines(500, 3, 1));
        Assert.NotEqual(AccessLogGenerator.Lines(500, 3, 1), AccessLogGenerator.Lines(500, 3, 2));
        Assert.NotEqual(AccessLogGenerator.Lines(500, 3, 1), AccessLogGenerator.Lines(500, 4, 1));
    }

    [Fact]
    public void Lines_Requests_HaveTheCombinedLogFormatAndAFewGarbageLines()
    {
        var lines = AccessLogGenerator.Lines(20_000, 5, 0).ToList();
        var requests = lines.Where(l => l.Contains('"', StringComparison.Ordinal)).ToList();

        Assert.Equal(20_000, lines.Count);
        Assert.InRange(lines.Count - requests.Count, 10, 100);
        Assert.All(lines.Except(requests), l => Assert.StartsWith("-- log rotated at ", l, StringComparison.Ordinal));
        foreach (var line in requests)
        {
            var quoted = line.Split('"');
            Assert.Equal(7, quoted.Length);
            var head = quoted[0].Split(' ');
            Assert.Equal(4, head[0].Split('.').Length);
            Assert.True(DateTime.TryParseExact(head[3] + " " + head[4], "'['dd/MMM/yyyy:HH:mm:ss zzz']'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), line);
            var request = quoted[1].Split(' ');
            Assert.Contains(request[0], Methods);
            Assert.Equal("HTTP/1.1", request[2]);
            var tail = quoted[2].Trim().Split(' ');
            var status = int.Parse(tail[0], CultureInfo.InvariantCulture);
            Assert.InRange(status, 200, 599);
            Assert.True(tail[1] == "-" ? status is 204 or 304 : int.Parse(tail[1], CultureInfo.InvariantCulture) is >= 0 and <= 50_000, line);
        }

        Assert.True(requests.Count(l => l.Contains("\"GET ", StringComparison.Ordinal)) > requests.Count / 2);
    }

    [Fact]
    public async Task WriteAsync_Part_IsItsLinesLfEndedInUtf8()
    {
        using var stream = new MemoryStream();

        await AccessLogGenerator.WriteAsync(stream, 300, 9, 2);

        var expected = string.Concat(AccessLogGenerator.Lines(300, 9, 2).Select(l => l + "\n"));
        Assert.Equal(expected, Encoding.UTF8.GetString(stream.ToArray()));
    }
}
