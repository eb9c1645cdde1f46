using System.Text;
using OrleansProc.Engine.Io;
using OrleansProc.Engine.Schema;

namespace OrleansProc.Engine.Tests.Io;

/// <summary>A framer with its window, delivery, progress and bad-record log, over an in-memory blob.</summary>
internal sealed class FramerFixture
{
    private FramerFixture(ScanOptions options, int bufferSize)
    {
        Options = options;
        var columns = new ScanColumns(options);
        var delivery = new RowDelivery(Sink, columns);
        Window = new ScanWindow(bufferSize, 0, options.MaxRecordBytes);
        Window.Open();
        Bad = new BadRecordLog(options, new LineTracker(Window, enabled: options.RangeStart == 0), delivery);
        Framer = options.Format == DataFormat.Csv
            ? new CsvRecordFramer<RowDelivery>(options, columns, delivery, Progress, Bad)
            : new LineRecordFramer(options, columns, delivery, Progress, Bad);
    }

    public ScanOptions Options { get; }

    public CollectingSink Sink { get; } = new();

    public ScanWindow Window { get; }

    public ScanProgress Progress { get; } = new();

    public BadRecordLog Bad { get; }

    public RecordFramer Framer { get; }

    /// <summary>A fixture whose window holds <paramref name="text"/>, and has seen the stream end when <paramref name="toEnd"/>.</summary>
    public static async Task<FramerFixture> LoadAsync(string text, ScanOptions options, bool toEnd = true, int bufferSize = 256)
    {
        var fixture = new FramerFixture(options, bufferSize);
        var window = fixture.Window;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        while (!window.IsFull && !window.Eof)
        {
            var offset = window.End;
            var n = await window.ReadAsync(stream, default);
            if (n > 0)
            {
                fixture.Framer.OnRead(window.Buffer.AsSpan(offset, n), window.BufferAbs + offset);
            }

            if (!toEnd && stream.Position == stream.Length)
            {
                break;
            }
        }

        return fixture;
    }

    /// <summary>The rows delivered, as their values' text.</summary>
    public string[] Texts(int column) => [.. Sink.Rows.Select(r => r[column].ToString())];
}
