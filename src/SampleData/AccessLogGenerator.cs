using System.Globalization;
using System.Text;

namespace OrleansProc.SampleData;

/// <summary>
/// A synthetic web server access log in the Combined Log Format, deterministic for a (seed, part) pair: one request
/// per line, <c>IP - USER [dd/MMM/yyyy:HH:mm:ss +0000] "METHOD PATH HTTP/1.1" STATUS BYTES "REFERER" "AGENT"</c>.
/// The text sample processor (samples/processors/AccessLogStats) extracts the method, status and bytes with a regex.
/// </summary>
/// <remarks>
/// Methods GET (about 80%), POST, PUT, DELETE, HEAD; statuses 200 (most), 201, 204, 301, 304, 400, 401, 403, 404,
/// 500, 503; bytes <c>-</c> for 204 and 304 responses, else 0 to 50,000; user <c>-</c> about 90%. About 1 line in 500
/// is garbage (not a request line), as real logs hold.
/// </remarks>
public static class AccessLogGenerator
{
    private static readonly string[] Methods = ["GET", "GET", "GET", "GET", "GET", "GET", "GET", "GET", "POST", "PUT", "DELETE", "HEAD"];
    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 200, 201, 204, 301, 304, 304, 400, 401, 403, 404, 404, 500, 503];
    private static readonly string[] Paths = ["/", "/index.html", "/api/orders", "/api/users", "/static/app.js", "/static/site.css", "/login", "/search", "/img/logo.png", "/api/cart"];
    private static readonly string[] Agents = ["Mozilla/5.0 (X11; Linux x86_64)", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "curl/8.5.0", "Googlebot/2.1"];
    private static readonly DateTime Start = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The lines of one part.</summary>
    public static IEnumerable<string> Lines(long count, int seed, int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Prng(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)part * 0xC2B2AE3D27D4EB4FUL) ^ 0xACCE55UL);
        var line = new StringBuilder(200);
        for (long i = 0; i < count; i++)
        {
            line.Clear();
            if (random.Next(500) == 0)
            {
                line.Append("-- log rotated at ").Append(i.ToString(CultureInfo.InvariantCulture)).Append(" --");
                yield return line.ToString();
                continue;
            }

            var status = Statuses[random.Next(Statuses.Length)];
            var time = Start.AddSeconds((part * 86_400L) + (i * 86_400L / Math.Max(count, 1)));
            line.Append(CultureInfo.InvariantCulture, $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)} - ")
                .Append(random.Next(10) == 0 ? "user" + random.Next(100).ToString(CultureInfo.InvariantCulture) : "-")
                .Append(' ')
                .Append(time.ToString("'['dd'/'MMM'/'yyyy':'HH':'mm':'ss' +0000]'", CultureInfo.InvariantCulture))
                .Append(" \"").Append(Methods[random.Next(Methods.Length)]).Append(' ').Append(Paths[random.Next(Paths.Length)])
                .Append(" HTTP/1.1\" ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(status is 204 or 304 ? "-" : random.Next(50_001).ToString(CultureInfo.InvariantCulture))
                .Append(" \"-\" \"").Append(Agents[random.Next(Agents.Length)]).Append('"');
            yield return line.ToString();
        }
    }

    /// <summary>Writes the lines of one part as UTF-8 text, LF-ended.</summary>
    public static async Task WriteAsync(Stream destination, long count, int seed, int part, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await using (writer.ConfigureAwait(false))
        {
            foreach (var line in Lines(count, seed, part))
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
    }
}
