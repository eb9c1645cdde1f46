using System.Globalization;
using System.Text;
using OrleansProc.EndToEnd.Tests.Infrastructure;

namespace OrleansProc.EndToEnd.Tests;

/// <summary>
/// CSV files as users have them, through the real cluster, against DuckDB: ';' and tab delimiters (sniffed, and from
/// .tsv), zip codes with leading zeros, quotes inside unquoted fields and quoted newlines, in blobs cut into many ranges.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CsvDialectEndToEndTests(ClusterFixture cluster)
{
    private static string Sql(string dataset) =>
        $"SELECT zip_code, COUNT(*) AS n, SUM(amount) AS total, MAX(place) AS place, MIN(lat) AS lat FROM {dataset} GROUP BY zip_code ORDER BY zip_code";

    [Theory]
    [InlineData("zipsemi", "zips.csv", ';')]
    [InlineData("ziptab", "zips.tsv", '\t')]
    public async Task Query_DelimitedFileWithZipCodesAndStrayQuotes_MatchesDuckDb(string dataset, string fileName, char delimiter)
    {
        var folder = Directory.CreateDirectory(Path.Combine(cluster.WorkDirectory, "dialect", dataset)).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, fileName), Csv(delimiter, rows: 600), new UTF8Encoding(false));

        var upload = await cluster.RunClientAsync("dataset", "upload", dataset, folder);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        var run = await cluster.RunClientAsync("query", Sql(dataset), "--format", "json", "--partition-size", "1500");

        Assert.True(run.ExitCode == 0, run.ToString());
        DuckDbReference.AssertSameRows(DuckDbReference.Query(Sql(dataset), dataset, Path.Combine(folder, fileName), delimiter), run.Json());
    }

    private static string Csv(char d, int rows)
    {
        string[] places = ["San Francisco", "\"Oslo \"\"sentrum\"\"\nline two\"", "5\" pipe", "Zürich", "a\"b\"c", $"\"x{d}y\""];
        string[] lats = ["37°36'37.8\"N", "59°54'50\"N", string.Empty, "47°22'40.1\"N", "12\""];
        var text = new StringBuilder($"zip_code{d}place{d}lat{d}amount\n");
        for (var i = 0; i < rows; i++)
        {
            var zip = (i * 7919 % 40).ToString("00000", CultureInfo.InvariantCulture);
            var amount = i % 9 == 0 ? string.Empty : (i * 1.25).ToString("0.00", CultureInfo.InvariantCulture);
            text.Append(zip).Append(d).Append(places[i % places.Length]).Append(d).Append(lats[i % lats.Length]).Append(d).Append(amount).Append('\n');
        }

        return text.ToString();
    }
}
